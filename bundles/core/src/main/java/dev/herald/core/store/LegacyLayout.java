package dev.herald.core.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a store of the first layout, where each outbox entry and dead letter carried its own copy
 * of the event and a ring of recent events kept another, to the event log: each copy becomes an
 * event of the log (the recent ones first, with their times and routes), and the entries refer
 * to it. Runs once, at open, in chunks of {@link #CHUNK} records per commit; each chunk moves its
 * records from the old maps to the new ones in one commit, so a crash in between loses nothing
 * and the next start goes on where it stopped.
 */
final class LegacyLayout {
    static final String OUTBOX = "outbox.";
    static final String DEAD = "dead.";
    static final String RECENT = "recent";
    private static final String RECENT_COUNT = "recent.count";
    static final int CHUNK = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(LegacyLayout.class);

    private LegacyLayout() {
    }

    /** Migrates what is left of the first layout; {@code newTx} starts a transaction on the maps. */
    static void migrate(MVStore mv, MvMaps maps, Supplier<MvTransaction> newTx) {
        List<String> outboxes = names(mv, OUTBOX);
        List<String> deads = names(mv, DEAD);
        boolean recent = mv.hasMap(RECENT);
        if (outboxes.isEmpty() && deads.isEmpty() && !recent) {
            return;
        }
        LOG.warn("Store {} has the first layout (events copied into each outbox entry): moving its recent events,"
                + " outbox entries and dead letters to the event log; this runs once", mv.getFileStore().getFileName());
        long events = recent ? migrateRecent(mv, maps, newTx) : 0;
        long entries = 0;
        for (String sink : outboxes) {
            entries += migrateOutbox(mv, maps, newTx, sink);
        }
        long letters = 0;
        for (String sink : deads) {
            letters += migrateDead(mv, maps, newTx, sink);
        }
        LOG.warn("Store layout upgraded: {} recent events, {} outbox entries and {} dead letters moved to the"
                + " event log; nothing was lost", events, entries, letters);
    }

    private static long migrateRecent(MVStore mv, MvMaps maps, Supplier<MvTransaction> newTx) {
        MVMap<Long, byte[]> ring = legacy(mv, RECENT);
        long moved = 0;
        while (!ring.isEmpty()) {
            MvTransaction tx = newTx.get();
            Long first = ring.firstKey();
            BinaryReader r = new BinaryReader(ring.remove(first));
            int count = r.readVarInt();
            for (int k = 0; k < count; k++) {
                r.readVarLong();
                long received = r.readVarLong();
                int n = r.readVarInt();
                List<String> routes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    routes.add(r.readString());
                }
                tx.appendEvent(received, List.copyOf(routes), r.readBytes());
            }
            moved += count;
            commit(mv, tx);
        }
        mv.removeMap(ring);
        maps.meta().remove(RECENT_COUNT);
        mv.commit();
        return moved;
    }

    private static long migrateOutbox(MVStore mv, MvMaps maps, Supplier<MvTransaction> newTx, String sink) {
        MVMap<OutboxKey, byte[]> old = mv.openMap(OUTBOX + sink,
                new MVMap.Builder<OutboxKey, byte[]>().keyType(OutboxKeyType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
        long moved = 0;
        while (!old.isEmpty()) {
            MvTransaction tx = newTx.get();
            List<OutboxKey> chunk = new ArrayList<>(CHUNK);
            for (Iterator<OutboxKey> keys = old.keyIterator(null); keys.hasNext() && chunk.size() < CHUNK; ) {
                chunk.add(keys.next());
            }
            for (OutboxKey k : chunk) {
                tx.putOutbox(readEntry(tx, new BinaryReader(old.remove(k))));
            }
            moved += chunk.size();
            commit(mv, tx);
        }
        mv.removeMap(old);
        mv.commit();
        return moved;
    }

    private static long migrateDead(MVStore mv, MvMaps maps, Supplier<MvTransaction> newTx, String sink) {
        MVMap<Long, byte[]> old = legacy(mv, DEAD + sink);
        long moved = 0;
        while (!old.isEmpty()) {
            MvTransaction tx = newTx.get();
            List<Long> chunk = new ArrayList<>(CHUNK);
            for (Iterator<Long> keys = old.keyIterator(null); keys.hasNext() && chunk.size() < CHUNK; ) {
                chunk.add(keys.next());
            }
            for (Long id : chunk) {
                BinaryReader r = new BinaryReader(old.remove(id));
                long letterId = r.readVarLong();
                String reason = r.readString();
                long deadAt = r.readVarLong();
                tx.restoreDeadLetter(new DeadLetter(letterId, readEntry(tx, r), reason, deadAt));
            }
            moved += chunk.size();
            commit(mv, tx);
        }
        mv.removeMap(old);
        Long dropped = maps.meta().remove(DEAD + sink);
        if (dropped != null) {
            maps.meta().merge(MvMaps.DEAD + sink, dropped, Long::sum);
        }
        mv.commit();
        return moved;
    }

    /** Reads an entry of the first layout and logs its event copy; the entry refers to it. */
    private static OutboxEntry readEntry(MvTransaction tx, BinaryReader r) {
        RecordCodec.EntryHead h = RecordCodec.EntryHead.read(r);
        long key = tx.appendEvent(h.enqueuedAt(), List.of(h.route()), r.readBytes());
        return new OutboxEntry(h.seq(), h.due(), h.sink(), h.route(), h.severity(), h.attempts(), h.enqueuedAt(),
                h.firstTryAt(), h.lastError(), key, null);
    }

    private static void commit(MVStore mv, MvTransaction tx) {
        tx.finish();
        mv.commit();
    }

    private static MVMap<Long, byte[]> legacy(MVStore mv, String name) {
        return mv.openMap(name, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private static List<String> names(MVStore mv, String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : mv.getMapNames()) {
            if (n.startsWith(prefix)) {
                out.add(n.substring(prefix.length()));
            }
        }
        return out;
    }
}
