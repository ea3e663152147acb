package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Severity;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.digest.Grouping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups and digest entries in the store: their records survive it, and the events they name stay in the log. */
class DigestStoreTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    @Test
    void aDigestEntryAndItsDeadLetterSurviveTheStore() {
        Digest digest = new Digest("slack\0logins\0[\"x\"]\0" + 900 + "\0" + 2, "type=x", 37, List.of(42L, 43L, 44L), 80);
        OutboxEntry e = OutboxEntry.create(7, 1000, "slack", List.of("logins", "other"), Severity.HIGH, digest)
                .retryAt(2000, 1500, "503");

        OutboxEntry read = RecordCodec.outbox(RecordCodec.outbox(e));
        assertEquals(e, read);
        assertEquals(digest, read.digest());
        assertEquals(42, read.eventKey(), "the digest's first event is the entry's");
        DeadLetter d = RecordCodec.deadLetter(RecordCodec.deadLetter(new DeadLetter(3, e, "gave up", 2000)));
        assertEquals(digest, d.entry().restart(8, 3000).digest(), "a dead letter sent again is the same digest");
        OutboxEntry oneRoute = OutboxEntry.create(9, 1000, "slack", List.of("logins"), Severity.LOW, digest);
        assertEquals(digest, RecordCodec.outbox(RecordCodec.outbox(oneRoute)).digest());
    }

    @Test
    void aGroupSurvivesTheStore() {
        Group g = new Group("slack\0logins\0[\"x\"]", 5, "slack", List.of("logins", "other"), Severity.CRITICAL,
                "type=x", 1000, 2, 5000, 6000, 300_000, 14_400_000, 12, List.of(1L, 2L, 3L), 12);
        assertEquals(g, RecordCodec.group(RecordCodec.group(g)));
    }

    @Test
    void theEventsOfAPendingGroupAndOfItsDigestStayPastTheRetentionUntilDelivered() {
        CoreSettings settings = retention(Duration.ofHours(1));
        store = MvStore.open(settings);
        long old = System.currentTimeMillis() - 2 * HOUR;
        // as the journal does: the events and their group in one transaction
        List<Long> keys = store.write(true, tx -> {
            List<Long> logged = List.of(tx.appendEvent(old, List.of("logins"), event("first")),
                    tx.appendEvent(old, List.of("logins"), event("second")),
                    tx.appendEvent(old, List.of("logins"), event("last")));
            tx.putGroup(new Group("g", 0, "slack", List.of("logins"), Severity.HIGH, "type=x", old, 0, 0, old, HOUR,
                    4 * HOUR, 3, logged.subList(0, 2), logged.get(2)));
            return logged;
        });
        long first = keys.get(0);
        long second = keys.get(1);
        long last = keys.get(2);
        long free = append(old, "free");
        reopenAndWrite(settings);
        assertTrue(logged(first) && logged(second) && logged(last), "the pending group needs them");
        assertFalse(logged(free), "past the retention and needed by nothing");

        store.write(true, tx -> Grouping.flush(tx, tx.group("g").orElseThrow(), System.currentTimeMillis()));
        reopenAndWrite(settings);
        OutboxEntry digest = store.read(v -> v.due("slack", Long.MAX_VALUE, 1)).get(0);
        assertEquals("first", digest.decodeEvent().id());
        assertTrue(logged(second) && logged(last), "the digest waiting for delivery needs them");

        store.write(true, tx -> tx.removeOutbox(digest));
        reopenAndWrite(settings);
        assertFalse(logged(first) || logged(second) || logged(last), "delivered, they leave");
        assertEquals(1L, (long) store.read(StoreView::groupCount), "the quiet group stays, naming no event");
    }

    private CoreSettings retention(Duration age) {
        CoreSettings d = TestSettings.defaults(dir);
        return new CoreSettings(dir, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), d.maxAttempts(), d.maxAge(), d.backoffInitial(),
                d.backoffMax(), d.templatesDirectory(), d.deadLetterMaxPerSink(), age, 1L << 30);
    }

    private static byte[] event(String id) {
        return EventCodec.encode(TestEvents.event(id, "json", "t", "{\"n\":\"" + id + "\"}"));
    }

    private long append(long received, String id) {
        return store.write(true, tx -> tx.appendEvent(received, List.of("logins"), event(id)));
    }

    private boolean logged(long key) {
        return store.read(v -> v.event(key)).isPresent();
    }

    /** Opens the store again: its first write drops what is past the retention. */
    private void reopenAndWrite(CoreSettings settings) {
        store.close();
        store = MvStore.open(settings);
        store.write(false, tx -> null);
    }
}
