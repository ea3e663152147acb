package dev.herald.core.journal;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.Severity;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.PipelineListener;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.ForwardingStore;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.Pending;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoreTransaction;
import dev.herald.core.store.RetainedEvent;
import dev.herald.core.store.StoreView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalServiceTest {
    @TempDir
    Path dir;
    MvStore store;
    final SourceProblems problems = new SourceProblems();

    private long count(Function<StoreView, Long> query) {
        return store.read(query);
    }
    RouteTable table;
    JournalService journal;

    @BeforeEach
    void open() {
        store = MvStore.open(TestSettings.defaults(dir));
        Map<String, Object> loud = route("loud", "{\"type\":[\"CreateUser\"]}", "slack", "mail");
        loud.put("severity", "critical");
        Map<String, Object> limited = route("limited", "{\"source\":[\"cloudtrail\"]}", "siem");
        limited.put("throttle", "2/1h");
        limited.put("throttle_key", "detail.user");
        table = routes(loud, limited);
        journal = new JournalService(store, () -> table, problems);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Event ct(String id, String type, String user) {
        return event(id, "cloudtrail", type, "{\"user\":\"" + user + "\"}");
    }

    @Test
    void appendDedupesRoutesAndCheckpointsInOneCommit() throws Exception {
        int fresh = journal.append("trail", List.of(ct("1", "CreateUser", "ann"), ct("2", "Other", "bob"),
                ct("1", "CreateUser", "ann")), Checkpoint.of("p1"));
        assertEquals(2, fresh);
        assertEquals(0, journal.append("trail", List.of(ct("2", "Other", "bob")), Checkpoint.of("p2")));

        List<OutboxEntry> slack = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        assertEquals(1, slack.size());
        assertEquals("loud", slack.get(0).route());
        assertEquals(Severity.CRITICAL, slack.get(0).severity(), "the route raises the severity");
        assertEquals(1L, count(v -> v.pending("mail")));
        assertEquals(2L, count(v -> v.pending("siem")));
        assertEquals("p2", journal.checkpoint("trail").orElseThrow().position());

        Counters source = store.read(v -> v.counters(Counter.Scope.SOURCE, "trail"));
        assertEquals(4, source.received());
        assertEquals(2, source.deduped());
        assertEquals(1L, store.read(v -> v.counters(Counter.Scope.ROUTE, "loud")).routed());

        List<RetainedEvent> recent = store.read(v -> v.recent(r -> true, 10));
        assertEquals(List.of("2", "1"), recent.stream().map(r -> r.decodeEvent().id()).toList());
        assertEquals(List.of("limited", "loud"), recent.get(1).routes());
    }

    /** An event no route takes is deduped by its id and logged like one a route takes, without routes. */
    @Test
    void eventsNoRouteTakesAreDedupedAndLogged() throws Exception {
        Journal.Batch batch = journal.batch("flows");
        batch.add(event("f1", "illumio", "flow.allowed", "{\"pd\":0}"));
        batch.add(event("f2", "illumio", "flow.allowed", "{\"pd\":0}"));
        batch.add(event("f1", "illumio", "flow.allowed", "{\"pd\":0}"));
        assertEquals(2, batch.startAppend(Checkpoint.of("p1")).await());
        assertEquals(0, journal.append("flows", List.of(event("f2", "illumio", "flow.allowed", "{\"pd\":0}")),
                Checkpoint.of("p2")), "an id committed before is a duplicate");
        assertEquals(1, journal.append("flows", List.of(event("f3", "illumio", "flow.allowed", "{\"pd\":0}")),
                Checkpoint.of("p3")));

        Counters source = store.read(v -> v.counters(Counter.Scope.SOURCE, "flows"));
        assertEquals(5, source.received());
        assertEquals(2, source.deduped());
        List<RetainedEvent> recent = store.read(v -> v.recent(r -> true, 10));
        assertEquals(List.of("f3", "f2", "f1"), recent.stream().map(r -> r.decodeEvent().id()).toList());
        assertTrue(recent.stream().allMatch(r -> r.routes().isEmpty()));
        assertEquals(0L, count(v -> v.pending("siem")) + count(v -> v.pending("slack")));
    }

    /**
     * A batch filled event by event commits like an append; it routes with the routes in force
     * when it began, and is handed over once.
     */
    @Test
    void aBatchFilledEventByEventIsCommittedWithTheCheckpointOnce() throws Exception {
        Journal.Batch batch = journal.batch("trail");
        batch.add(ct("1", "CreateUser", "ann"));
        table = routes(route("other", "{\"type\":[\"Other\"]}", "mail"));
        batch.add(ct("2", "Other", "bob"));
        batch.add(ct("1", "CreateUser", "ann"));
        assertEquals(3, batch.size());

        assertEquals(2, batch.startAppend(Checkpoint.of("p1")).await());
        assertEquals("p1", journal.checkpoint("trail").orElseThrow().position());
        assertEquals(1L, count(v -> v.pending("slack")), "routed by the routes the batch began with");
        assertEquals(1L, count(v -> v.pending("mail")), "loud's; the route 'other' was not in force yet");
        assertEquals(2L, count(v -> v.pending("siem")));
        assertThrows(IllegalStateException.class, () -> batch.add(ct("3", "Other", "bob")));
        assertThrows(IllegalStateException.class, () -> batch.startAppend(Checkpoint.of("p2")));
        assertEquals(0, batch.size());

        Journal.Batch next = journal.batch("trail");
        next.add(ct("3", "Other", "bob"));
        assertEquals(1, next.startAppend(Checkpoint.of("p2")).await());
        assertEquals(2L, count(v -> v.pending("mail")), "a batch begun after the change routes with the new routes");
        assertEquals("{\"user\":\"bob\"}", store.read(v -> v.recent(r -> true, 1)).get(0).decodeEvent().raw(),
                "the stored event is the raw text");
    }

    @Test
    void throttledEventsAreCountedAndNotQueued() throws Exception {
        journal.append("trail", List.of(ct("1", "a", "ann"), ct("2", "a", "ann"), ct("3", "a", "ann"),
                ct("4", "a", "bob")), null);
        assertEquals(3L, count(v -> v.pending("siem")), "two for ann, one for bob");
        Counters c = store.read(v -> v.counters(Counter.Scope.ROUTE, "limited"));
        assertEquals(3, c.routed());
        assertEquals(1, c.throttled());
    }

    @Test
    void aBatchWhoseCommitFailedIsRoutedWhenRetriedNotCountedAsThrottled() throws Exception {
        journal = new JournalService(failingOnce(), () -> table, problems);
        List<Event> batch = List.of(ct("1", "a", "ann"), ct("2", "a", "ann"));

        assertThrows(JournalException.class, () -> journal.append("trail", batch, Checkpoint.of("p1")),
                "the first try routed the batch, then its commit failed");
        assertEquals(2, journal.append("trail", batch, Checkpoint.of("p1")));

        assertEquals(2L, count(v -> v.pending("siem")), "the retried batch is routed (throttle 2/1h per user)");
        Counters c = store.read(v -> v.counters(Counter.Scope.ROUTE, "limited"));
        assertEquals(2, c.routed());
        assertEquals(0, c.throttled(), "the failed try's throttle counts were given back");
    }

    @Test
    void aSelfAlertAboutASinkIsNeverQueuedForThatSink() throws Exception {
        table = routes(route("herald-alerts", "{\"source\":[\"herald\"]}", "slack", "mail"));
        Event aboutSlack = Event.builder().id("a1").source("herald").instance("herald")
                .type("herald.sink.paused").detail(dev.herald.core.TestEvents.json("{\"sink\":\"slack\"}")).build();
        assertEquals(1, journal.append("herald", List.of(aboutSlack), null));
        assertEquals(0L, count(v -> v.pending("slack")), "slack must not be told about itself");
        assertEquals(1L, count(v -> v.pending("mail")), "the other sink of the route gets it");
        assertEquals(1L, store.read(v -> v.counters(Counter.Scope.ROUTE, "herald-alerts")).routed());
    }

    @Test
    void aPipelineListenerHearsEachCommit() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        journal.listeners = List.of(new PipelineListener() {
            @Override
            public void committed(String sourceInstance, int fresh, Duration took) {
                heard.add(sourceInstance + " " + fresh + " " + !took.isNegative());
            }

            @Override
            public void delivered(String sink, Duration latency) {
            }
        });
        journal.append("trail", List.of(ct("1", "a", "ann"), ct("2", "a", "bob"), ct("1", "a", "ann")), null);
        assertEquals(List.of("trail 2 true"), heard);
    }

    @Test
    void checkpointsPerStreamAndRemoval() throws Exception {
        journal.append("bucket", List.of(), new Checkpoint("a.gz", "5"));
        journal.append("bucket", List.of(), new Checkpoint("b.gz", "7"));
        assertEquals(Map.of("a.gz", "5", "b.gz", "7"), journal.checkpoints("bucket"));
        journal.removeCheckpoint("bucket", "a.gz");
        assertEquals(Map.of("b.gz", "7"), journal.checkpoints("bucket"));
        assertTrue(journal.checkpoint("bucket", "a.gz").isEmpty());
    }

    @Test
    void quarantineKeepsTruncatedRecordAndCounts() {
        String huge = "x".repeat(JournalService.MAX_QUARANTINE_CONTENT + 100);
        journal.quarantine("files", "/var/log/a.json:12", "not JSON", huge);
        var q = store.read(v -> v.quarantine("files", 10));
        assertEquals(1, q.size());
        assertEquals(JournalService.MAX_QUARANTINE_CONTENT, q.get(0).content().length());
        assertEquals("/var/log/a.json:12", q.get(0).location());
        assertEquals(1L, store.read(v -> v.counters(Counter.Scope.SOURCE, "files")).quarantined());
    }

    @Test
    void aQuarantineReasonIsCutLikeItsContent() {
        String longReason = "not JSON: " + "y".repeat(JournalService.MAX_QUARANTINE_CONTENT);
        journal.quarantine("files", "a.json:1", longReason, "{");
        var q = store.read(v -> v.quarantine("files", 10));
        assertEquals(longReason.substring(0, JournalService.MAX_QUARANTINE_CONTENT), q.get(0).reason());
    }

    @Test
    void aBatchThatCannotBePreparedKeepsNothing() throws Exception {
        journal.append("trail", List.of(ct("1", "CreateUser", "ann")), Checkpoint.of("p1"));
        List<Event> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(ct("n" + i, "CreateUser", "ann"));
        }
        batch.add(null);
        assertThrows(NullPointerException.class, () -> journal.append("trail", batch, Checkpoint.of("p2")));
        assertEquals("p1", journal.checkpoint("trail").orElseThrow().position());
        assertEquals(1L, count(v -> v.pending("slack")), "no entry of the failed batch was kept");
        assertEquals(300, journal.append("trail", batch.subList(0, 300), Checkpoint.of("p2")));
    }

    @Test
    void stateSurvivesReopen() throws Exception {
        journal.append("trail", List.of(ct("1", "CreateUser", "ann")), Checkpoint.of("p1"));
        store.close();
        store = MvStore.open(TestSettings.defaults(dir));
        journal = new JournalService(store, () -> table, problems);
        assertEquals("p1", journal.checkpoint("trail").orElseThrow().position());
        assertEquals(1L, count(v -> v.pending("slack")));
        assertEquals(0, journal.append("trail", List.of(ct("1", "CreateUser", "ann")), null));
    }

    @Test
    void aSmallBatchIsCommittedBeforeTheBulkBatchesWaitingForTheWriter() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        List<CountDownLatch> submitted = List.of(new CountDownLatch(1), new CountDownLatch(1));
        Store recording = new ForwardingStore(store) {
            @Override
            public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
                return submitted(super.submit(durable, record("bulk", work)), 0);
            }

            @Override
            public <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
                return submitted(super.submitFirst(durable, record("push", work)), 1);
            }

            private <T> Function<StoreTransaction, T> record(String lane, Function<StoreTransaction, T> work) {
                return tx -> {
                    started.add(lane);
                    return work.apply(tx);
                };
            }

            private <T> Pending<T> submitted(Pending<T> pending, int which) {
                submitted.get(which).countDown();
                return pending;
            }
        };
        journal = new JournalService(recording, () -> table, problems);
        CountDownLatch release = new CountDownLatch(1);
        Pending<Object> busy = occupyWriter(release);
        List<Event> bulk = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bulk.add(ct("b" + i, "Other", "ann"));
        }
        ExecutorService sources = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> bulkDone = sources.submit(() -> journal.append("file", bulk, Checkpoint.of("b")));
            assertTrue(submitted.get(0).await(30, TimeUnit.SECONDS));
            Future<Integer> pushDone = sources.submit(() -> journal.append("push", List.of(ct("p", "CreateUser", "bob")),
                    null));
            assertTrue(submitted.get(1).await(30, TimeUnit.SECONDS));
            release.countDown();
            busy.await();
            assertEquals(100, bulkDone.get(30, TimeUnit.SECONDS));
            assertEquals(1, pushDone.get(30, TimeUnit.SECONDS));
        } finally {
            sources.shutdownNow();
        }
        assertEquals(List.of("push", "bulk"), started, "the push waited for no bulk batch queued before it");
    }

    @Test
    void startAppendReturnsBeforeTheCommitWhichItsAwaitWaitsFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pending<Object> busy = occupyWriter(release);
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(ct("s" + i, i % 3 == 0 ? "CreateUser" : "Other", "ann"));
        }
        // the writer cannot take the batch while it is busy: startAppend must return anyway
        Journal.PendingAppend pending = journal.startAppend("file", batch, Checkpoint.of("300"));
        assertTrue(journal.checkpoint("file").isEmpty(), "not committed before the writer is free");
        release.countDown();
        busy.await();
        assertEquals(300, pending.await());
        assertEquals("300", journal.checkpoint("file").orElseThrow().position());
        assertEquals(100L, count(v -> v.pending("slack")));
    }

    @Test
    void aCommitThatFailsAfterStartAppendReturnedIsThrownByItsAwait() throws Exception {
        Store failing = new ForwardingStore(store) {
            @Override
            public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
                return super.submit(durable, tx -> {
                    work.apply(tx);
                    throw new StoreException("cannot commit: No space left on device", null);
                });
            }
        };
        journal = new JournalService(failing, () -> table, problems);
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(ct("f" + i, "CreateUser", "ann"));
        }
        Journal.PendingAppend pending = journal.startAppend("file", batch, Checkpoint.of("20"));
        JournalException e = assertThrows(JournalException.class, pending::await);
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(journal.checkpoint("file").isEmpty());
        assertEquals(0L, count(v -> v.pending("slack")), "nothing of the batch was kept");
    }

    /**
     * A batch handed over behind one still under way is committed after it, and refused with it
     * when it fails; a small one is not put ahead of the bulk batch it follows.
     */
    @Test
    void aBatchHandedOverBehindAnotherIsCommittedOnlyAfterItAndOnlyIfItWas() throws Exception {
        journal = new JournalService(failingOnce(), () -> table, problems);
        Checkpoint one = new Checkpoint("f.gz", "20");
        Checkpoint two = new Checkpoint("f.gz", "21");
        CountDownLatch release = new CountDownLatch(1);
        Pending<Object> busy = occupyWriter(release);
        Journal.PendingAppend first = bulk("f").startAppend(one);
        Journal.PendingAppend second = small("g").startAppend(two, one, first);
        release.countDown();
        busy.await();

        assertThrows(JournalException.class, first::await);
        JournalException refused = assertThrows(JournalException.class, second::await);
        assertTrue(refused.getMessage().contains("the batch before it was not committed"), refused.getMessage());
        assertTrue(journal.checkpoints("file").isEmpty(), "nothing of either was kept");
        assertEquals(0L, count(v -> v.pending("slack")));

        journal = new JournalService(store, () -> table, problems); // with both of the store's lanes
        release = new CountDownLatch(1);
        busy = occupyWriter(release);
        first = bulk("f").startAppend(one);
        second = small("g").startAppend(two, one, first);
        release.countDown();
        busy.await();

        assertEquals(1, second.await(), "committed behind the bulk batch, not ahead of it");
        assertEquals(20, first.await());
        assertEquals(first.await(), 20, "awaiting again gives the same outcome");
        assertEquals("21", journal.checkpoint("file", "f.gz").orElseThrow().position());
        assertEquals(21L, count(v -> v.pending("slack")));
    }

    /** The store, but its first write (in either lane) fails after its work ran, as a full disk makes a commit fail. */
    private Store failingOnce() {
        AtomicBoolean failNext = new AtomicBoolean(true);
        return new ForwardingStore(store) {
            @Override
            public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
                return super.submit(durable, tx -> {
                    T result = work.apply(tx);
                    if (failNext.getAndSet(false)) {
                        throw new StoreException("cannot commit: No space left on device", null);
                    }
                    return result;
                });
            }

            @Override
            public <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
                return submit(durable, work);
            }
        };
    }

    /** A batch of 20 events, more than an interactive batch: it waits in the writer's queue. */
    private Journal.Batch bulk(String prefix) {
        Journal.Batch b = journal.batch("file");
        for (int i = 0; i < 20; i++) {
            b.add(ct(prefix + i, "CreateUser", "ann"));
        }
        return b;
    }

    /** A batch of one event, as small as an interactive batch. */
    private Journal.Batch small(String id) {
        Journal.Batch b = journal.batch("file");
        b.add(ct(id, "CreateUser", "bob"));
        return b;
    }

    /** Keeps the store's writer busy with a write until {@code release}; returns once it runs. */
    private Pending<Object> occupyWriter(CountDownLatch release) throws InterruptedException {
        CountDownLatch writerBusy = new CountDownLatch(1);
        Pending<Object> busy = store.submit(true, tx -> {
            writerBusy.countDown();
            awaitQuietly(release);
            return null;
        });
        assertTrue(writerBusy.await(30, TimeUnit.SECONDS));
        return busy;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
