package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import dev.herald.core.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MvStoreTest {
    @TempDir
    Path dir;
    MvStore store;

    private long count(Function<StoreView, Long> query) {
        return store.read(query);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private CoreSettings settings() {
        return TestSettings.defaults(dir);
    }

    private CoreSettings with(long maxIds, Duration maxAge, int recent, int history, int quarantine) {
        CoreSettings d = settings();
        return new CoreSettings(dir, d.fsync(), d.cacheMegabytes(), maxIds, maxAge, recent, history, quarantine,
                d.maxAttempts(), d.maxAge(), d.backoffInitial(), d.backoffMax(), d.templatesDirectory(),
                d.deadLetterMaxPerSink(), d.eventRetention(), d.eventRetentionBytes());
    }

    /** Remembers one id: {@link StoreTransaction#markSeen} with a list of one. */
    private boolean seen(StoreTransaction tx, String instance, String id, long now) {
        return markSeen(tx, instance, List.of(id), now)[0];
    }

    private boolean[] markSeen(StoreTransaction tx, String instance, List<String> ids, long now) {
        return Fingerprinting.markSeen(store, tx, instance, ids, now);
    }

    private boolean mark(Function<StoreTransaction, Boolean> work) {
        return store.write(true, work);
    }

    private static byte[] event(String id) {
        return EventCodec.encode(TestEvents.event(id, "json", "t", "{\"n\":\"" + id + "\"}"));
    }

    /** An action once a commit is on disk that throws: its write is still kept and done, and the next ones too. */
    @Test
    // a syncer thread that died would leave the second write waiting, uninterruptibly: fail, not hang
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDurableWriteIsDoneThoughAnActionOnItsForceFails() {
        store = MvStore.open(settings());
        List<String> ran = new CopyOnWriteArrayList<>();
        store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of("1"));
            tx.onDurable(() -> {
                throw new IllegalStateException("a listener's bug");
            });
            return null;
        });
        store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of("2"));
            tx.onDurable(() -> ran.add("2"));
            return null;
        });
        assertEquals(List.of("2"), ran, "forced, and its action ran before the write was done");
        assertEquals("2", store.read(v -> v.checkpoints("src")).get(""));
    }

    @Test
    void committedStateSurvivesACrash() {
        store = MvStore.open(settings());
        store.write(true, tx -> {
            tx.putCheckpoint("src", new Checkpoint("file-a", "42"));
            OutboxEntry e = tx.enqueue("slack", "r1", Severity.HIGH, tx.appendEvent(1000, List.of(), event("e1")), 1000);
            tx.addDeadLetter(e, "bad token", 2000);
            seen(tx, "src", "e1", System.currentTimeMillis());
            return null;
        });
        store.abandon();
        store = MvStore.open(settings());

        assertEquals(Map.of("file-a", "42"), store.read(v -> v.checkpoints("src")));
        List<OutboxEntry> due = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        assertEquals(1, due.size());
        assertEquals("e1", due.get(0).decodeEvent().id());
        assertEquals(Severity.HIGH, due.get(0).severity());
        List<DeadLetter> dead = store.read(v -> v.deadLetters("slack", 0, 10));
        assertEquals("bad token", dead.get(0).reason());
        assertFalse(mark(tx -> seen(tx, "src", "e1", 3000)), "dedupe ids survive");
    }

    @Test
    void failedWriteKeepsNothing() {
        store = MvStore.open(settings());
        store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of("1"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of("2"));
            tx.enqueue("slack", "r", Severity.INFO, tx.appendEvent(1, List.of(), event("x")), 1);
            seen(tx, "src", "x", 1);
            throw new IllegalStateException("boom");
        }));
        assertEquals(Map.of("", "1"), store.read(v -> v.checkpoints("src")));
        assertEquals(0L, count(v -> v.pending("slack")));
        store.abandon();
        store = MvStore.open(settings());
        assertEquals(Map.of("", "1"), store.read(v -> v.checkpoints("src")));
        assertTrue(mark(tx -> seen(tx, "src", "x", 1)), "the rolled back id was not kept");
    }

    /** Ids are remembered per instance, however the instances of a transaction take turns. */
    @Test
    void idsOfInstancesThatTakeTurnsInATransactionAreEachTheirOwnAndRollBackTogether() {
        store = MvStore.open(settings());
        long now = System.currentTimeMillis(); // ids older than the age limit are forgotten at once
        assertThrows(IllegalStateException.class, () -> store.write(true, tx -> {
            assertTrue(seen(tx, "a", "x", now));
            assertTrue(seen(tx, "b", "x", now), "another instance's id");
            assertFalse(seen(tx, "a", "x", now));
            assertTrue(seen(tx, "a", "y", now));
            assertFalse(seen(tx, "b", "x", now));
            throw new IllegalStateException("boom");
        }));
        assertTrue(mark(tx -> seen(tx, "b", "x", now) & seen(tx, "a", "x", now) & seen(tx, "a", "y", now)),
                "the rollback forgot every instance's ids");
        assertFalse(mark(tx -> seen(tx, "b", "x", now)));
        assertFalse(mark(tx -> seen(tx, "a", "y", now)), "kept by the commit");
        assertTrue(mark(tx -> seen(tx, "c", "x", now) & seen(tx, "b", "z", now)));
    }

    /** Many ids at once are remembered as one after the other would be, and roll back the same. */
    @Test
    void idsMarkedManyAtOnceAreTheSameAsOneAfterTheOther() {
        store = MvStore.open(settings());
        long now = System.currentTimeMillis();
        assertThrows(IllegalStateException.class, () -> store.write(true, tx -> {
            assertArrayEquals(new boolean[] {true, true, false, true}, markSeen(tx, "a", List.of("x", "y", "x", "z"), now),
                    "a repeat within the ids");
            throw new IllegalStateException("boom");
        }));
        assertTrue(mark(tx -> seen(tx, "a", "x", now)), "the rollback forgot them");
        store.write(true, tx -> {
            assertArrayEquals(new boolean[] {false, true, true}, markSeen(tx, "a", List.of("x", "y", "z"), now));
            assertFalse(seen(tx, "a", "z", now), "one id at a time sees those of many at once");
            assertArrayEquals(new boolean[] {true, false}, markSeen(tx, "b", List.of("x", "x"), now), "another instance's");
            assertArrayEquals(new boolean[0], markSeen(tx, "a", List.of(), now));
            return null;
        });
        assertFalse(mark(tx -> seen(tx, "a", "y", now)), "kept by the commit");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add("id-" + i);
        }
        boolean[] fresh = store.write(true, tx -> markSeen(tx, "c", many, now));
        for (boolean f : fresh) {
            assertTrue(f);
        }
        boolean[] again = store.write(true, tx -> markSeen(tx, "c", many.subList(4990, 5000), now));
        assertArrayEquals(new boolean[10], again, "remembered through the set's growth");
    }

    /**
     * Fingerprints made with another key (of a store replaced since the batch was prepared) are
     * made again with the store's own: the ids are remembered as the store's key fingerprints them.
     */
    @Test
    void fingerprintsMadeWithAnotherKeyAreMadeAgain() {
        store = MvStore.open(settings());
        MvStore other = MvStore.open(TestSettings.defaults(dir.resolve("other")));
        IdFingerprints foreign = other.idFingerprints();
        other.close();
        List<String> ids = List.of("x", "y", "x");
        long now = System.currentTimeMillis();
        boolean[] fresh = store.write(true, tx -> tx.markSeen("a", ids,
                Fingerprinting.fingerprints(foreign, ids), foreign, now));
        assertArrayEquals(new boolean[] {true, true, false}, fresh);
        assertFalse(mark(tx -> seen(tx, "a", "x", now)), "remembered by the store's own fingerprint");
        assertFalse(mark(tx -> seen(tx, "a", "y", now)));
    }

    @Test
    void outboxIsOrderedByDueTimeThenSequence() {
        store = MvStore.open(settings());
        store.write(false, tx -> {
            OutboxEntry a = tx.enqueue("s", "r", Severity.INFO, tx.appendEvent(100, List.of(), event("a")), 100);
            tx.enqueue("s", "r", Severity.INFO, tx.appendEvent(100, List.of(), event("b")), 100);
            tx.removeOutbox(a);
            tx.putOutbox(a.retryAt(500, 100, "later"));
            tx.enqueue("s", "r", Severity.INFO, tx.appendEvent(200, List.of(), event("c")), 200);
            return null;
        });
        List<OutboxEntry> due = store.read(v -> v.due("s", 1000, 10));
        assertEquals(List.of("b", "c", "a"), due.stream().map(e -> e.decodeEvent().id()).toList());
        assertEquals(1, due.get(2).attempts());
        assertEquals("later", due.get(2).lastError());
        assertEquals(2L, store.read(v -> v.due("s", 300, 10)).size());
        assertEquals(100L, store.read(v -> v.nextDue("s")).getAsLong());
        assertEquals(3L, count(v -> v.pending("s")));
    }

    @Test
    void dedupeForgetsTheOldestIdsBeyondCountOrAge() {
        store = MvStore.open(with(3, Duration.ofHours(1), 10, 10, 10));
        long now = System.currentTimeMillis();
        long twoHoursAgo = now - Duration.ofHours(2).toMillis();
        assertTrue(mark(tx -> seen(tx, "src", "old", twoHoursAgo)));
        assertTrue(mark(tx -> seen(tx, "src", "old", now)), "ids older than the age limit are forgotten");
        assertTrue(mark(tx -> seen(tx, "src", "a", now) & seen(tx, "src", "b", now)
                & seen(tx, "src", "c", now)));
        assertTrue(mark(tx -> seen(tx, "src", "old", now)), "beyond the count the oldest is forgotten");
        assertFalse(mark(tx -> seen(tx, "src", "c", now)));
        assertFalse(mark(tx -> seen(tx, "src", "b", now)));
        assertTrue(mark(tx -> seen(tx, "other", "c", now)), "ids are per source instance");
        store.close();
        store = MvStore.open(with(3, Duration.ofHours(1), 10, 10, 10));
        assertFalse(mark(tx -> seen(tx, "src", "c", now)), "remembered across restarts");
    }

    @Test
    void boundedMapsDropTheOldest() {
        store = MvStore.open(with(100, Duration.ofHours(1), 3, 2, 2));
        store.write(false, tx -> {
            tx.appendEvent(0, List.of(), event("before"));
            return null;
        });
        store.write(false, tx -> {
            for (int i = 0; i < 5; i++) {
                tx.appendEvent(i, List.of("r"), event("e" + i));
                tx.addHistory(new DeliveryView(Instant.ofEpochMilli(i), "s", "r", "e" + i, 1, "delivered", null));
                tx.addQuarantine("src", "line " + i, "bad", "{", false, i);
            }
            return null;
        });
        assertEquals(List.of("e4", "e3", "e2"), store.read(v -> v.recent(r -> true, 10)).stream()
                .map(r -> r.decodeEvent().id()).toList());
        assertEquals(List.of("e4", "e3"), store.read(v -> v.history(10)).stream().map(DeliveryView::eventId).toList());
        assertEquals(2L, count(StoreView::quarantined));
        assertEquals(3L, count(StoreView::quarantineDropped));
        assertEquals("line 4", store.read(v -> v.quarantine("src", 1)).get(0).location());
    }

    @Test
    void deadLettersAreCappedPerSinkAndTheDroppedAreCounted() {
        CoreSettings d = settings();
        CoreSettings capped = new CoreSettings(dir, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), d.maxAttempts(), d.maxAge(), d.backoffInitial(),
                d.backoffMax(), d.templatesDirectory(), 3, d.eventRetention(), d.eventRetentionBytes());
        store = MvStore.open(capped);
        for (int i = 0; i < 5; i++) {
            String reason = "failure " + i;
            store.write(false, tx -> tx.addDeadLetter(tx.enqueue("slack", "r", Severity.HIGH, tx.appendEvent(1, List.of(), event("e")), 1),
                    reason, 2));
        }
        store.write(false, tx -> tx.addDeadLetter(tx.enqueue("mail", "r", Severity.HIGH, tx.appendEvent(1, List.of(), event("m")), 1), "x", 2));

        assertEquals(3L, count(v -> v.deadLetterCount("slack")));
        assertEquals(List.of("failure 2", "failure 3", "failure 4"),
                store.read(v -> v.deadLetters("slack", 0, 10)).stream().map(DeadLetter::reason).toList(),
                "the oldest were dropped");
        assertEquals(2L, count(v -> v.deadLettersDropped("slack")));
        assertEquals(1L, count(v -> v.deadLetterCount("mail")), "the cap is per sink");
        assertEquals(0L, count(v -> v.deadLettersDropped("mail")));
        store.close();
        store = MvStore.open(capped);
        assertEquals(2L, count(v -> v.deadLettersDropped("slack")), "the count of dropped letters persists");
    }

    @Test
    void countersAddUpAndPersist() {
        store = MvStore.open(settings());
        for (int i = 0; i < 3; i++) {
            store.write(false, tx -> {
                tx.count(Counter.Scope.SINK, "slack", Counter.DELIVERED, 2);
                tx.count(Counter.Scope.SINK, "slack", Counter.RETRIED, 1);
                tx.count(Counter.Scope.ROUTE, "slack", Counter.ROUTED, 5);
                return null;
            });
        }
        store.close();
        store = MvStore.open(settings());
        assertEquals(6L, store.read(v -> v.counters(Counter.Scope.SINK, "slack")).delivered());
        assertEquals(3L, store.read(v -> v.counters(Counter.Scope.SINK, "slack")).retried());
        assertEquals(15L, store.read(v -> v.counters(Counter.Scope.ROUTE)).get("slack").routed());
    }

    @Test
    void deadLettersMoveBackToTheOutbox() {
        store = MvStore.open(settings());
        long id = store.write(false, tx -> {
            OutboxEntry e = tx.enqueue("s", "r", Severity.INFO, tx.appendEvent(1, List.of(), event("a")), 1);
            tx.removeOutbox(e);
            return tx.addDeadLetter(e.retryAt(2, 1, "nope"), "nope", 3).id();
        });
        assertEquals(1L, count(v -> v.deadLetterCount("s")));
        assertTrue(mark(tx -> tx.retryDeadLetter("s", id, 10)));
        OutboxEntry back = store.read(v -> v.due("s", 10, 1)).get(0);
        assertEquals(0, back.attempts());
        assertEquals(0L, count(v -> v.deadLetterCount("s")));
    }

    @Test
    void checkpointsPerStream() {
        store = MvStore.open(settings());
        store.write(true, tx -> {
            tx.putCheckpoint("s3", new Checkpoint("a.gz", "10"));
            tx.putCheckpoint("s3", new Checkpoint("b.gz", "20"));
            tx.putCheckpoint("s3x", Checkpoint.of("other instance"));
            return null;
        });
        assertEquals(Map.of("a.gz", "10", "b.gz", "20"), store.read(v -> v.checkpoints("s3")));
        assertEquals(1, (int) store.write(true, tx -> tx.removeCheckpoints("s3", "a.gz")));
        assertEquals(1, (int) store.write(true, tx -> tx.removeCheckpoints("s3", null)));
        assertEquals(Map.of("", "other instance"), store.read(v -> v.checkpoints("s3x")));
    }

    @Test
    void interruptedCallersDoNotBreakTheStore() {
        store = MvStore.open(settings());
        Thread.currentThread().interrupt();
        try {
            store.write(true, tx -> {
                tx.putCheckpoint("src", Checkpoint.of("1"));
                return null;
            });
            assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals(Map.of("", "1"), store.read(v -> v.checkpoints("src")));
    }

    @Test
    void eventCodecKeepsRawTextExactly() {
        Event e = Event.builder().id("x").source("json").instance("i").type("t")
                .detail(TestEvents.json("{\"a\":1}")).raw("{ \"a\" : 1 }\u00e9").build();
        Event back = EventCodec.decode(EventCodec.encode(e));
        assertEquals(e.raw(), back.raw());
        assertEquals(e.detail(), back.detail());
        assertEquals(e.time(), back.time());
        Event same = Event.builder().id("y").source("json").instance("i").detail(TestEvents.json("{\"b\":[1,2]}")).build();
        assertEquals(same.raw(), EventCodec.decode(EventCodec.encode(same)).raw());
    }

    @Test
    void eventCodecKeepsTheTextADetailWasParsedFromOnceAndDoesNotRewriteIt() {
        String text = "{ \"b\" : 1.50, \"a\": 1e3, \"s\": \"\u00e9\" }";
        Event parsed = Event.builder().id("x").source("json").instance("i").type("t")
                .parsed(TestEvents.json(text), text).build();
        byte[] encoded = EventCodec.encode(parsed);
        int textBytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(encoded.length < 32 + textBytes, "the text is stored once, not beside a rewritten tree: " + encoded.length);
        Event back = EventCodec.decode(encoded);
        assertEquals(text, back.raw());
        assertEquals(parsed.detail(), back.detail());
        assertTrue(back.rawIsDetailText(), "read back, it is still the text of its detail");

        Event changed = parsed.toBuilder().detail(TestEvents.json("{\"c\":2}")).build();
        Event changedBack = EventCodec.decode(EventCodec.encode(changed));
        assertEquals(TestEvents.json("{\"c\":2}"), changedBack.detail(), "a replaced detail is written out");
        assertEquals(text, changedBack.raw());
    }
}
