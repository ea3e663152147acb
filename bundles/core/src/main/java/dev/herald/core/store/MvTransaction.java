package dev.herald.core.store;

import dev.herald.api.Checkpoint;
import dev.herald.api.Severity;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.QuarantineView;
import dev.herald.core.CoreSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * One write transaction of the embedded store, run on the writer thread. Counter increments are
 * summed here and written once; bounded maps are trimmed before the commit.
 */
final class MvTransaction extends MvView implements StoreTransaction {
    private final CoreSettings settings;
    private final Dedupe dedupe;
    private final long now;
    private long seq;
    /** By scope and name, not by the stored key: a batch of deliveries counts hundreds of times, the key is built once. */
    private final Map<CounterName, long[]> counterDeltas = new HashMap<>();
    private final Map<String, MVMap<OutboxKey, byte[]>> outboxes = new HashMap<>();
    /**
     * The outbox entries this transaction adds, written at {@link #finish} after the events they
     * refer to. A sink's worker reads the outbox while the journal writes, and MVStore shows a put
     * to readers at once: an entry written before its event's block would be read as an entry
     * whose event is missing, and dead-lettered.
     */
    private final Map<String, Map<OutboxKey, byte[]>> addedEntries = new LinkedHashMap<>();
    private final Set<String> filledSinks = new HashSet<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final List<Runnable> onCommit = new ArrayList<>();
    private final List<Runnable> onDurable = new ArrayList<>();
    private final EventLog.Retention retention;
    private EventLog log;
    private long quarantineDropped;
    private final Map<String, Long> deadLettersDropped = new HashMap<>();
    /**
     * Written once at {@link #finish}, not once per delivery: a batch of deliveries marks its sink
     * delivered hundreds of times and adds as many history records.
     */
    private final Map<String, Long> deliveredAt = new HashMap<>();
    /**
     * The deliveries this transaction adds to the history, written at {@link #finish} as one block:
     * only the newest {@code history_size} of them, since the history keeps no more (a commit of
     * 2,000 outcomes would otherwise encode and write 2,000 deliveries and drop half of them again).
     */
    private final List<DeliveryView> historyAdded = new ArrayList<>();

    /** @param retention the event log's retention, to drop what is past it; null to leave it for later */
    MvTransaction(MvMaps maps, CoreSettings settings, Dedupe dedupe, long seq, long now,
                  EventLog.Retention retention) {
        super(maps, settings.recentEvents(), settings.historySize());
        this.retention = retention;
        this.dedupe = dedupe;
        this.settings = settings;
        this.seq = seq;
        this.now = now;
    }

    long nextId() {
        return ++seq;
    }

    @Override
    public long lastId() {
        return seq;
    }

    /** Sinks whose outbox got entries, to wake their workers after the commit. */
    Set<String> filledSinks() {
        return filledSinks;
    }

    /** Dead letters dropped by this transaction to keep each sink's within its cap, by sink. */
    Map<String, Long> droppedDeadLetters() {
        return deadLettersDropped;
    }

    /** Records dropped from the quarantine by this transaction. */
    long droppedFromQuarantine() {
        return quarantineDropped;
    }

    @Override
    public boolean[] markSeen(String instance, List<String> ids, long[] fingerprints, IdFingerprints madeBy,
                              long at) {
        return dedupe.markSeen(instance, ids, fingerprints, madeBy, at);
    }

    private EventLog log() {
        if (log == null) {
            log = new EventLog(maps);
        }
        return log;
    }

    @Override
    public long appendEvent(long received, List<String> routes, EncodedEvent event) {
        return log().append(received, routes, event);
    }

    @Override
    public OutboxEntry enqueue(String sink, String route, Severity severity, long eventKey, long at) {
        return enqueue(sink, List.of(route), severity, eventKey, at);
    }

    @Override
    public OutboxEntry enqueue(String sink, List<String> routes, Severity severity, long eventKey, long at) {
        OutboxEntry e = OutboxEntry.create(nextId(), at, sink, routes, severity, eventKey);
        putOutbox(e);
        return e;
    }

    @Override
    public OutboxEntry enqueueReplay(String sink, String route, Severity severity, long eventKey, long at,
                                     String replay) {
        OutboxEntry e = OutboxEntry.create(nextId(), at, sink, route, severity, eventKey, replay);
        putOutbox(e);
        return e;
    }

    @Override
    public OutboxEntry enqueueDigest(String sink, List<String> routes, Severity severity, Digest digest, long at) {
        OutboxEntry e = OutboxEntry.create(nextId(), at, sink, routes, severity, digest);
        putOutbox(e);
        return e;
    }

    @Override
    public Group putGroup(Group group) {
        Group stored = group.seq() == 0 ? group.withSeq(nextId()) : group;
        byte[] old = maps.groups().put(stored.id(), RecordCodec.group(stored));
        if (old != null) {
            Group before = RecordCodec.group(old);
            maps.groupsDue().remove(new OutboxKey(before.due(), before.seq()));
            pin(before.keys(), -1);
        }
        maps.groupsDue().put(new OutboxKey(stored.due(), stored.seq()), stored.id());
        pin(stored.keys(), 1);
        return stored;
    }

    @Override
    public boolean removeGroup(String id) {
        byte[] old = maps.exists(MvMaps.GROUPS) ? maps.groups().remove(id) : null;
        if (old == null) {
            return false;
        }
        Group before = RecordCodec.group(old);
        maps.groupsDue().remove(new OutboxKey(before.due(), before.seq()));
        pin(before.keys(), -1);
        return true;
    }

    /** Counts references to events more (1) or less (-1). */
    private void pin(List<Long> eventKeys, int delta) {
        for (long key : eventKeys) {
            log().pin(key, delta);
        }
    }

    @Override
    public void putOutbox(OutboxEntry entry) {
        addedEntries.computeIfAbsent(entry.sink(), k -> new LinkedHashMap<>()).put(OutboxKey.of(entry),
                RecordCodec.outbox(entry));
        pin(entry.eventKeys(), 1);
        filledSinks.add(entry.sink());
    }

    @Override
    public boolean removeOutbox(OutboxEntry entry) {
        Map<OutboxKey, byte[]> added = addedEntries.get(entry.sink());
        OutboxKey key = OutboxKey.of(entry);
        boolean removed = added != null && added.remove(key) != null;
        if (!removed) {
            MVMap<OutboxKey, byte[]> stored = existingOutbox(entry.sink());
            removed = stored != null && stored.remove(key) != null;
        }
        if (!removed) {
            return false;
        }
        pin(entry.eventKeys(), -1);
        return true;
    }

    /**
     * The sink's outbox map, or null when it has none; kept per transaction, since a batch of
     * deliveries removes hundreds of entries of one sink and the map's name is built each time.
     */
    private MVMap<OutboxKey, byte[]> existingOutbox(String sink) {
        MVMap<OutboxKey, byte[]> map = outboxes.get(sink);
        if (map == null && maps.exists(MvMaps.OUTBOX + sink)) {
            map = maps.outbox(sink);
            outboxes.put(sink, map);
        }
        return map;
    }

    @Override
    public int removeOutbox(String sink, long upToSeq, int max) {
        if (!maps.exists(MvMaps.OUTBOX + sink)) {
            return 0;
        }
        MVMap<OutboxKey, byte[]> outbox = maps.outbox(sink);
        List<OutboxKey> doomed = new ArrayList<>();
        for (Iterator<OutboxKey> keys = outbox.keyIterator(null); keys.hasNext() && doomed.size() < max; ) {
            OutboxKey k = keys.next();
            if (k.seq() <= upToSeq) {
                doomed.add(k);
            }
        }
        for (OutboxKey k : doomed) {
            pin(RecordCodec.outbox(outbox.remove(k)).eventKeys(), -1);
        }
        return doomed.size();
    }

    @Override
    public void putCheckpoint(String instance, Checkpoint checkpoint) {
        maps.checkpoints().put(key(instance, checkpoint.stream()), checkpoint.position());
    }

    @Override
    public int removeCheckpoints(String instance, String stream) {
        MVMap<String, String> map = maps.checkpoints();
        if (stream != null) {
            return map.remove(key(instance, stream)) != null ? 1 : 0;
        }
        List<String> keys = new ArrayList<>();
        scanPrefix(map, key(instance, ""), (k, v) -> keys.add(k));
        keys.forEach(map::remove);
        return keys.size();
    }

    @Override
    public void count(Counter.Scope scope, String name, Counter counter, long delta) {
        counterDeltas.computeIfAbsent(new CounterName(scope, name), k -> new long[Counter.values().length])
                [counter.ordinal()] += delta;
    }

    @Override
    public void addHistory(DeliveryView delivery) {
        historyAdded.add(delivery);
    }

    @Override
    public DeadLetter addDeadLetter(OutboxEntry entry, String reason, long at) {
        DeadLetter d = new DeadLetter(nextId(), entry, reason, at);
        MVMap<Long, byte[]> dead = maps.dead(entry.sink());
        dead.put(d.id(), RecordCodec.deadLetter(d));
        pin(entry.eventKeys(), 1);
        int dropped = 0;
        while (dead.sizeAsLong() > settings.deadLetterMaxPerSink()) {
            pin(RecordCodec.deadLetter(dead.remove(dead.firstKey())).entry().eventKeys(), -1);
            dropped++;
        }
        if (dropped > 0) {
            deadLettersDropped.merge(entry.sink(), (long) dropped, Long::sum);
        }
        return d;
    }

    /** Puts back a dead letter under its own id: for {@link LegacyLayout}. */
    void restoreDeadLetter(DeadLetter d) {
        maps.dead(d.entry().sink()).put(d.id(), RecordCodec.deadLetter(d));
        pin(d.entry().eventKeys(), 1);
    }

    @Override
    public DeadLetter removeDeadLetter(String sink, long id) {
        if (!maps.exists(MvMaps.DEAD + sink)) {
            return null;
        }
        byte[] v = maps.dead(sink).remove(id);
        if (v == null) {
            return null;
        }
        DeadLetter d = RecordCodec.deadLetter(v);
        pin(d.entry().eventKeys(), -1);
        return d;
    }

    @Override
    public boolean retryDeadLetter(String sink, long id, long at) {
        DeadLetter d = removeDeadLetter(sink, id);
        if (d == null) {
            return false;
        }
        putOutbox(d.entry().restart(nextId(), at));
        return true;
    }

    @Override
    public void addQuarantine(String instance, String location, String reason, String content, boolean truncated,
                              long at) {
        MVMap<Long, byte[]> q = maps.log(MvMaps.QUARANTINE);
        long id = nextId();
        q.put(id, RecordCodec.quarantine(new QuarantineView(id, instance, location, reason, content,
                Instant.ofEpochMilli(at), truncated)));
        quarantineDropped += trimOldest(q, settings.quarantineSize());
    }

    @Override
    public boolean requarantine(long id, String reason) {
        Optional<QuarantineView> q = quarantined(id);
        q.ifPresent(old -> maps.log(MvMaps.QUARANTINE).put(id, RecordCodec.quarantine(new QuarantineView(id,
                old.source(), old.location(), reason, old.content(), old.at(), old.truncated()))));
        return q.isPresent();
    }

    @Override
    public int removeQuarantine(String source, Set<Long> ids, long upToId, int max) {
        if (!maps.exists(MvMaps.QUARANTINE)) {
            return 0;
        }
        MVMap<Long, byte[]> q = maps.log(MvMaps.QUARANTINE);
        List<Long> doomed = new ArrayList<>();
        for (Iterator<Long> keys = q.keyIterator(null); keys.hasNext() && doomed.size() < max; ) {
            long id = keys.next();
            if (id > upToId) {
                break;
            }
            if ((ids == null || ids.contains(id))
                    && (source == null || source.equals(RecordCodec.quarantine(q.get(id)).source()))) {
                doomed.add(id);
            }
        }
        doomed.forEach(q::remove);
        return doomed.size();
    }

    @Override
    public Silence addSilence(String pattern, List<String> sinks, long start, long end, String comment,
                              String creator) {
        Silence s = new Silence(nextId(), pattern, sinks, start, end, comment, creator, null);
        maps.log(MvMaps.SILENCES).put(s.id(), RecordCodec.silence(s));
        return s;
    }

    @Override
    public boolean putSilence(Silence silence) {
        if (!maps.exists(MvMaps.SILENCES) || !maps.log(MvMaps.SILENCES).containsKey(silence.id())) {
            return false;
        }
        maps.log(MvMaps.SILENCES).put(silence.id(), RecordCodec.silence(silence));
        return true;
    }

    @Override
    public int purgeSilences(long endedBefore) {
        int purged = 0;
        for (Silence s : silences()) {
            if (s.end() < endedBefore) {
                maps.log(MvMaps.SILENCES).remove(s.id());
                purged++;
            }
        }
        return purged;
    }

    @Override
    public void markAppend(String instance, long at) {
        maps.status().put(key("append", instance), Long.toString(at));
    }

    @Override
    public void markDelivered(String sink, long at) {
        deliveredAt.put(sink, at);
    }

    /** With this transaction's own deliveries, which are written only at {@link #finish}. */
    @Override
    public List<DeliveryView> history(int limit) {
        int n = Math.min(limit, historySize);
        List<DeliveryView> out = new ArrayList<>();
        for (int i = historyAdded.size() - 1; i >= 0 && out.size() < n; i--) {
            out.add(historyAdded.get(i));
        }
        if (out.size() < n) {
            out.addAll(super.history(n - out.size()));
        }
        return out;
    }

    /** This transaction's own mark first: it is written only at {@link #finish}. */
    @Override
    public Optional<Instant> lastSuccess(String sink) {
        Long at = deliveredAt.get(sink);
        return at != null ? Optional.of(Instant.ofEpochMilli(at)) : super.lastSuccess(sink);
    }

    @Override
    public void markFailed(String sink, String reason) {
        maps.status().put(key("error", sink), reason);
    }

    @Override
    public void onRollback(Runnable undo) {
        onRollback.add(undo);
    }

    /** Runs the undo actions registered with {@link #onRollback}, after the store rolled back. */
    void rolledBack() {
        onRollback.forEach(Runnable::run);
        onRollback.clear();
        onCommit.clear();
        onDurable.clear();
    }

    @Override
    public void onCommit(Runnable then) {
        onCommit.add(then);
    }

    @Override
    public void onDurable(Runnable then) {
        onDurable.add(then);
    }

    /** The actions registered with {@link #onDurable}, for the store to run once the commit is on disk. */
    List<Runnable> durableActions() {
        return onDurable;
    }

    /** Runs the actions registered with {@link #onCommit}, after the store committed. */
    void committed() {
        onCommit.forEach(Runnable::run);
        onCommit.clear();
        onRollback.clear();
    }

    /** Writes what was summed and trims the bounded maps; called once before the commit. */
    void finish() {
        deliveredAt.forEach((sink, at) -> maps.status().put(key("success", sink), Long.toString(at)));
        if (!historyAdded.isEmpty()) {
            int from = Math.max(0, historyAdded.size() - historySize);
            History.append(maps, nextId(), historyAdded.subList(from, historyAdded.size()), historySize);
            historyAdded.clear();
        }
        dedupe.finish(now, this::nextId);
        if (log != null || retention != null) {
            EventLog events = log();
            events.finish(retention, now);
            List<EventBlock.Inflated> written = events.written();
            if (!written.isEmpty()) {
                onCommit(() -> maps.recentBlocks().committed(written));
            }
        }
        // after the events: an entry that a worker can see has its event in the log
        addedEntries.forEach((sink, entries) -> outboxes.computeIfAbsent(sink, maps::outbox).putAll(entries));
        addedEntries.clear();
        if (quarantineDropped > 0) {
            maps.meta().merge(MvMaps.QUARANTINE, quarantineDropped, Long::sum);
        }
        deadLettersDropped.forEach((sink, n) -> maps.meta().merge(MvMaps.DEAD + sink, n, Long::sum));
        // last: a reader that sees a transaction's counts (tests wait on them) sees the rest of it too
        if (!counterDeltas.isEmpty()) {
            MVMap<String, byte[]> counters = maps.counters();
            counterDeltas.forEach((name, delta) -> {
                String k = counterKey(name.scope(), name.name());
                long[] v = RecordCodec.counters(counters.get(k));
                for (int i = 0; i < v.length; i++) {
                    v[i] += delta[i];
                }
                counters.put(k, RecordCodec.counters(v));
            });
        }
        maps.meta().put("seq", seq);
    }

    private static int trimOldest(MVMap<Long, byte[]> map, long max) {
        int dropped = 0;
        while (map.sizeAsLong() > max) {
            map.remove(map.firstKey());
            dropped++;
        }
        return dropped;
    }

    /** A counter's scope and name, as summed in a transaction. */
    private record CounterName(Counter.Scope scope, String name) {
    }
}
