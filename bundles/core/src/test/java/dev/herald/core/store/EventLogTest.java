package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Severity;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    private CoreSettings retention(Duration age, long bytes) {
        CoreSettings d = TestSettings.defaults(dir);
        return new CoreSettings(dir, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), d.maxAttempts(), d.maxAge(), d.backoffInitial(),
                d.backoffMax(), d.templatesDirectory(), d.deadLetterMaxPerSink(), age, bytes);
    }

    private static byte[] event(String id) {
        return EventCodec.encode(TestEvents.event(id, "json", "t", "{\"n\":\"" + id + "\"}"));
    }

    private long append(long received, String id) {
        return store.write(true, tx -> tx.appendEvent(received, List.of("r"), event(id)));
    }

    private long blocks() {
        return store.read(v -> {
            MVMap<Long, byte[]> events = ((MvView) v).maps.events();
            // without the empty block that ends the log
            return events.values().stream().filter(b -> EventBlock.header(b).count() > 0).count();
        });
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

    private String idOf(long key) {
        return EventCodec.decode(store.read(v -> v.event(key)).orElseThrow().event()).id();
    }

    private RecentBlocks recentBlocks() {
        return store.read(v -> ((MvView) v).maps.recentBlocks());
    }

    /**
     * The blocks a commit wrote are read from memory afterwards instead of being inflated again; a
     * rolled back transaction's never are, and the events the next commit writes under the same
     * keys read as themselves.
     */
    @Test
    void theBlocksCommittedLastAreReadFromMemoryButNotThoseOfARollback() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        long first = append(now, "a");
        assertEquals(1, recentBlocks().get(first).count());

        assertThrows(IllegalStateException.class, () -> store.write(true, tx -> {
            for (int i = 0; i < EventBlock.MAX_EVENTS; i++) {
                tx.appendEvent(now, List.of("r"), event("lost" + i)); // the last one writes a full block
            }
            throw new IllegalStateException("the transaction fails after its block was written");
        }));
        assertNull(recentBlocks().get(first + 1), "nothing of the rolled back transaction");
        long reused = append(now, "b");
        assertEquals(first + 1, reused, "the rolled back keys are taken again");
        assertEquals("b", idOf(reused));
        assertEquals(1, recentBlocks().get(reused).count());
        assertEquals("a", idOf(first));
    }

    /**
     * Only the last {@value RecentBlocks#KEPT} blocks are kept; a reader that read one of them and
     * then inflates an older block does not inflate it into the array it shares with other readers.
     */
    @Test
    void aReaderNeverInflatesIntoTheArrayOfARecentBlock() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i <= RecentBlocks.KEPT; i++) {
            keys.add(append(now + i, "e" + i));
        }
        long oldest = keys.get(0);
        long newest = keys.get(keys.size() - 1);
        assertNull(recentBlocks().get(oldest), "beyond the last " + RecentBlocks.KEPT);
        assertTrue(recentBlocks().get(newest) != null);
        List<String> read = store.read(v -> List.of(v.event(newest), v.event(oldest), v.event(newest)).stream()
                .map(e -> EventCodec.decode(e.orElseThrow().event()).id()).toList());
        assertEquals(List.of("e" + RecentBlocks.KEPT, "e0", "e" + RecentBlocks.KEPT), read);
    }

    /**
     * Two blocks merged into one under the first's key (as a compaction would write them) are read
     * from the store: the first block as its commit wrote it does not hold the second's event.
     */
    @Test
    void aBlockWrittenAgainWithMoreEventsIsReadFromTheStore() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        long a = append(now, "a");
        long b = append(now, "b");
        store.write(true, tx -> {
            MVMap<Long, byte[]> events = ((MvTransaction) tx).maps.events();
            List<RetainedEvent> both = List.of(new RetainedEvent(a, now, List.of("r"), event("a")),
                    new RetainedEvent(b, now, List.of("r"), event("b")));
            events.put(a, EventBlock.encode(EventBlockTest.entries(both)).stored());
            events.remove(b);
            return null;
        });
        assertEquals(1, recentBlocks().get(a).count(), "the block as its commit wrote it");
        assertEquals("b", idOf(b));
        assertEquals("a", idOf(a));
    }

    /** A store written before layout 2 holds deflated blocks: they are read beside the new ones. */
    @Test
    void blocksDeflatedByEarlierVersionsAreReadBesideNewOnes() {
        CoreSettings settings = TestSettings.defaults(dir);
        store = MvStore.open(settings);
        long now = System.currentTimeMillis();
        long old = append(now, "old");
        store.write(true, tx -> {
            MVMap<Long, byte[]> events = ((MvTransaction) tx).maps.events();
            long first = events.firstKey();
            events.put(first, EventBlock.encodeDeflated(EventBlockTest.entries(EventBlock.decode(first, events.get(first))))
                    .stored());
            return null;
        });
        store.close();
        store = MvStore.open(settings);
        long fresh = append(now + 1, "new");

        assertEquals("old", EventCodec.decode(store.read(v -> v.event(old)).orElseThrow().event()).id());
        assertEquals("new", EventCodec.decode(store.read(v -> v.event(fresh)).orElseThrow().event()).id());
        List<byte[]> stored = store.read(v -> new ArrayList<>(((MvView) v).maps.events().values()));
        assertEquals(3, stored.size(), "the old block, the new one and the empty block that ends the log");
        assertTrue(stored.get(0)[0] != 0, "the rewritten block is of layout 1");
        assertEquals(0, stored.get(1)[0], "the new block is of layout 2");
        assertEquals(0, EventBlock.header(stored.get(2)).count());
    }

    @Test
    void anEventIsWrittenOnceAndEveryOutboxEntryRefersToIt() {
        store = MvStore.open(TestSettings.defaults(dir));
        long key = store.write(true, tx -> {
            long k = tx.appendEvent(1000, List.of("r1", "r2"), event("e1"));
            tx.enqueue("slack", "r1", Severity.HIGH, k, 1000);
            tx.enqueue("mail", "r2", Severity.LOW, k, 1000);
            return k;
        });
        OutboxEntry slack = store.read(v -> v.due("slack", Long.MAX_VALUE, 10)).get(0);
        OutboxEntry mail = store.read(v -> v.due("mail", Long.MAX_VALUE, 10)).get(0);
        assertEquals(key, slack.eventKey());
        assertEquals(key, mail.eventKey());
        assertEquals("e1", slack.decodeEvent().id());
        assertArrayEquals(slack.event(), mail.event());
        RetainedEvent logged = store.read(v -> v.event(key)).orElseThrow();
        assertEquals(List.of("r1", "r2"), logged.routes());
        assertEquals(1000, logged.received());
        assertEquals(1L, blocks(), "one block holds the event");
    }

    @Test
    void aDeliveryNeverSeesAnEntryWhoseEventsBlockIsNotWrittenYet() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir));
        CountDownLatch enqueued = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long now = System.currentTimeMillis();
        Pending<Long> commit = store.submit(true, tx -> {
            long k = tx.appendEvent(now, List.of("r"), event("e1"));
            tx.enqueue("slack", "r", Severity.HIGH, k, now);
            enqueued.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return k;
        });
        assertTrue(enqueued.await(30, TimeUnit.SECONDS));
        List<OutboxEntry> seen = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        release.countDown();
        commit.await();
        assertTrue(seen.stream().allMatch(e -> e.event() != null), "an entry was listed without its event");
        assertEquals("e1", store.read(v -> v.due("slack", Long.MAX_VALUE, 10)).get(0).decodeEvent().id());
    }

    @Test
    void eventsAreReadByKeyAndPagedByTimeAcrossBlocks() {
        store = MvStore.open(TestSettings.defaults(dir));
        int n = 3 * EventBlock.MAX_EVENTS + 7;
        long t0 = System.currentTimeMillis() - 10_000;
        List<Long> keys = store.write(true, tx -> {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(tx.appendEvent(t0 + i, List.of(), event("e" + i)));
            }
            return out;
        });
        assertEquals("e600", store.read(v -> v.event(keys.get(600))).orElseThrow().decodeEvent().id());
        assertTrue(blocks() > 3, "the batch spans several blocks");

        List<String> paged = new ArrayList<>();
        long after = 0;
        for (List<RetainedEvent> page; !(page = store.read(page(t0 + 100, t0 + 1300, after))).isEmpty(); ) {
            page.forEach(e -> paged.add(e.decodeEvent().id()));
            after = page.get(page.size() - 1).key();
        }
        assertEquals(1200, paged.size(), "received in [t0 + 100, t0 + 1300)");
        assertEquals("e100", paged.get(0));
        assertEquals("e1299", paged.get(paged.size() - 1));
    }

    private static java.util.function.Function<StoreView, List<RetainedEvent>> page(long from, long to, long after) {
        return v -> v.events(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), after, 250);
    }

    @Test
    void aClockThatStepsBackIsHeldSoTheLogStaysInTimeOrder() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        long first = append(now, "a");
        long second = append(now - 1000, "b");
        assertEquals(now, store.read(v -> v.event(second)).orElseThrow().received());
        assertEquals(List.of(first, second), store.read(v -> v.events(Instant.ofEpochMilli(now), Instant.MAX, 0, 10))
                .stream().map(RetainedEvent::key).toList());
    }

    @Test
    void anEventPastItsAgeLeavesOnceNoDeliveryOrDeadLetterNeedsIt() {
        CoreSettings settings = retention(Duration.ofHours(1), 1L << 30);
        store = MvStore.open(settings);
        long twoHoursAgo = System.currentTimeMillis() - 2 * HOUR;
        long pending = store.write(true, tx -> {
            long k = tx.appendEvent(twoHoursAgo, List.of("r"), event("pending"));
            tx.enqueue("slack", "r", Severity.HIGH, k, twoHoursAgo);
            return k;
        });
        long dead = store.write(true, tx -> {
            long k = tx.appendEvent(twoHoursAgo, List.of("r"), event("dead"));
            OutboxEntry e = tx.enqueue("mail", "r", Severity.HIGH, k, twoHoursAgo);
            tx.removeOutbox(e);
            tx.addDeadLetter(e, "gone", twoHoursAgo);
            return k;
        });
        long free = append(twoHoursAgo, "free");
        long young = append(System.currentTimeMillis(), "young");
        reopenAndWrite(settings);
        assertTrue(logged(young));
        assertTrue(logged(pending), "an outbox entry needs it");
        assertTrue(logged(dead), "a dead letter needs it");
        assertTrue(!logged(free), "past the retention and needed by nothing");

        store.write(true, tx -> tx.removeOutbox(tx.due("slack", Long.MAX_VALUE, 1).get(0)));
        reopenAndWrite(settings);
        assertTrue(!logged(pending), "delivered, it leaves");
        assertEquals("dead", store.read(v -> v.deadLetters("mail", 0, 1)).get(0).entry().decodeEvent().id());

        long letter = store.read(v -> v.deadLetters("mail", 0, 1)).get(0).id();
        store.write(true, tx -> tx.retryDeadLetter("mail", letter, System.currentTimeMillis()));
        reopenAndWrite(settings);
        assertEquals("dead", store.read(v -> v.due("mail", Long.MAX_VALUE, 1)).get(0).decodeEvent().id(),
                "a retried dead letter still has its event");
        store.write(true, tx -> tx.removeOutbox(tx.due("mail", Long.MAX_VALUE, 1).get(0)));
        reopenAndWrite(settings);
        assertTrue(!logged(dead));
        assertTrue(logged(young));
    }

    @Test
    void beyondItsSizeTheOldestEventsLeaveFirst() {
        CoreSettings settings = retention(Duration.ofHours(1), 1);
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        long oldest = append(now, "oldest");
        long pinned = store.write(true, tx -> {
            long k = tx.appendEvent(now, List.of("r"), event("pinned"));
            tx.enqueue("slack", "r", Severity.HIGH, k, now);
            return k;
        });
        long newest = append(now, "newest");
        reopenAndWrite(settings);
        assertTrue(!logged(oldest));
        assertTrue(!logged(newest), "the log is still larger than 1 byte");
        assertTrue(logged(pinned), "what a delivery needs stays, whatever the size");
    }
}
