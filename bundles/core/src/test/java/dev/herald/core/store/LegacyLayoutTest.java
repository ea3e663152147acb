package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written by the first layout (each outbox entry, dead letter and recent event with its own copy). */
class LegacyLayoutTest {
    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    private static byte[] event(String id) {
        return EventCodec.encode(TestEvents.event(id, "json", "t", "{\"n\":\"" + id + "\"}"));
    }

    /** An outbox entry as the first layout wrote it: the event's bytes at the end. */
    private static BinaryWriter legacyEntry(BinaryWriter w, long seq, String sink, int attempts, String id) {
        return w.writeVarLong(seq).writeVarLong(seq * 10).writeString(sink).writeString("r")
                .writeByte(Severity.HIGH.ordinal()).writeVarLong(attempts).writeVarLong(seq * 10)
                .writeVarLong(attempts == 0 ? 0 : seq * 10 + 1).writeString(attempts == 0 ? null : "down")
                .writeBytes(event(id));
    }

    private void writeFirstLayout() {
        MVStore mv = new MVStore.Builder().fileName(dir.resolve(MvStore.FILE_NAME).toString()).compress().open();
        MVMap<OutboxKey, byte[]> outbox = mv.openMap("outbox.slack", new MVMap.Builder<OutboxKey, byte[]>()
                .keyType(OutboxKeyType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        outbox.put(new OutboxKey(10, 1), legacyEntry(new BinaryWriter(64), 1, "slack", 0, "o1").toByteArray());
        outbox.put(new OutboxKey(20, 2), legacyEntry(new BinaryWriter(64), 2, "slack", 2, "o2").toByteArray());
        MVMap<Long, byte[]> dead = longMap(mv, "dead.slack");
        BinaryWriter letter = new BinaryWriter(64).writeVarLong(3).writeString("gave up").writeVarLong(99);
        dead.put(3L, legacyEntry(letter, 3, "slack", 12, "d1").toByteArray());
        BinaryWriter ring = new BinaryWriter(64).writeVarLong(2);
        for (String id : List.of("r1", "r2")) {
            ring.writeVarLong(id.equals("r1") ? 4 : 5).writeVarLong(500).writeVarLong(1).writeString("route-" + id)
                    .writeBytes(event(id));
        }
        longMap(mv, "recent").put(5L, ring.toByteArray());
        MVMap<String, Long> meta = mv.openMap(MvMaps.META, new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        meta.put("seq", 5L);
        meta.put("dead.slack", 7L);
        meta.put("recent.count", 2L);
        mv.close();
    }

    private static MVMap<Long, byte[]> longMap(MVStore mv, String name) {
        return mv.openMap(name, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    @Test
    void aStoreOfTheFirstLayoutIsMovedToTheEventLogAtOpenWithNothingLost() {
        writeFirstLayout();
        store = MvStore.open(TestSettings.defaults(dir));
        assertMigrated();
        store.close();
        store = MvStore.open(TestSettings.defaults(dir));
        assertMigrated();

        store.write(true, tx -> tx.removeOutbox(tx.due("slack", Long.MAX_VALUE, 1).get(0)));
        assertEquals(1L, (long) store.read(v -> v.pending("slack")), "migrated entries are delivered as usual");
        assertEquals(5L, (long) store.read(StoreView::lastId), "the sequence is kept");
    }

    private void assertMigrated() {
        List<OutboxEntry> due = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        assertEquals(List.of("o1", "o2"), due.stream().map(e -> e.decodeEvent().id()).toList());
        assertEquals(List.of(1L, 2L), due.stream().map(OutboxEntry::seq).toList());
        assertEquals(2, due.get(1).attempts());
        assertEquals("down", due.get(1).lastError());
        assertEquals(20L, due.get(1).due());
        DeadLetter d = store.read(v -> v.deadLetters("slack", 0, 10)).get(0);
        assertEquals(3L, d.id());
        assertEquals("gave up", d.reason());
        assertEquals("d1", d.entry().decodeEvent().id());
        assertEquals(7L, (long) store.read(v -> v.deadLettersDropped("slack")));
        List<RetainedEvent> recent = store.read(v -> v.recent(r -> true, 10));
        assertEquals(List.of("d1", "o2", "o1", "r2", "r1"), recent.stream().map(r -> r.decodeEvent().id()).toList());
        assertEquals(List.of("route-r1"), recent.get(4).routes());
        boolean left = store.read(v -> {
            MvMaps maps = ((MvView) v).maps;
            return maps.exists("recent") || maps.exists("outbox.slack") || maps.exists("dead.slack");
        });
        assertFalse(left, "the first layout's maps are gone");
    }
}
