package dev.herald.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.Sink;
import dev.herald.core.ScriptedSink;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.PipelineListener;
import dev.herald.core.MutableClock;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.DeadLetter;
import dev.herald.core.store.EventCodec;
import dev.herald.core.store.ForwardingStore;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.Pending;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoreTransaction;
import dev.herald.core.store.StoreView;
import dev.herald.core.template.Escape;
import dev.herald.core.template.DirectorySinkResources;
import dev.herald.core.template.SinkResources;
import dev.herald.core.template.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DispatcherTest {
    /** Where the tests' clocks start: the present, so that a store or sink reading the system clock agrees. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    MvStore store;
    Bodies bodies;
    Dispatcher dispatcher;

    @BeforeEach
    void open() {
        CoreSettings settings = settings(Duration.ofHours(1), Duration.ofMillis(80));
        store = MvStore.open(settings);
        RouteTable routes = RouteTable.empty();
        bodies = new Bodies(() -> routes, new TemplateRenderer(dir.resolve("templates")));
        dispatcher = new Dispatcher(settings, store, bodies);
        dispatcher.activate();
    }

    /** Three attempts, 20 ms initial backoff, and the given age limit and longest backoff. */
    private CoreSettings settings(Duration maxAge, Duration backoffMax) {
        CoreSettings d = TestSettings.defaults(dir);
        return new CoreSettings(dir, false, d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), 3, maxAge,
                Duration.ofMillis(20), backoffMax, dir.resolve("templates"), d.deadLetterMaxPerSink(),
                d.eventRetention(), d.eventRetentionBytes());
    }

    /** Replaces the dispatcher by one with these delivery limits and this clock, on the same store. */
    private void restart(Duration maxAge, Duration backoffMax, Clock clock) {
        dispatcher.deactivate();
        dispatcher = new Dispatcher(settings(maxAge, backoffMax), store, bodies, clock);
        dispatcher.activate();
    }

    @AfterEach
    void close() {
        dispatcher.deactivate();
        store.close();
    }

    private void enqueue(String sink, String... ids) {
        enqueueAt(System.currentTimeMillis(), sink, ids);
    }

    private void enqueueAt(long now, String sink, String... ids) {
        store.write(false, tx -> {
            for (String id : ids) {
                byte[] event = EventCodec.encode(TestEvents.event(id, "json", "t", "{\"msg\":\"" + id + "\"}"));
                tx.enqueue(sink, "r1", Severity.HIGH, tx.appendEvent(now, List.of("r1"), event), now);
            }
            return null;
        });
    }

    /** Blocks until {@code release} opens, deaf to interrupts (as some sinks' I/O is). */
    private static void awaitDeafly(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Thread> workerThread(String sink) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("herald-sink-" + sink) && t.isAlive()).findFirst();
    }

    private static SinkHandle handle(String name, Sink sink, SinkResources resources) {
        return new SinkHandle(name, "test", Escape.NONE, null, 0, sink, resources, new Object());
    }

    /**
     * A sink's counters. Tests wait on them: they are written last in a transaction, so once they
     * show an outcome, every other change of that transaction is visible too.
     */
    private Counters counters(String sink) {
        return store.read(v -> v.counters(Counter.Scope.SINK, sink));
    }

    private long count(Function<StoreView, Long> q) {
        return store.read(q);
    }

    private List<String> outcomes() {
        List<String> newestFirst = new ArrayList<>(store.read(v -> v.history(100)).stream()
                .map(DeliveryView::outcome).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }


    @Test
    void aPipelineListenerHearsEachAcceptedDeliveryWithItsTimeSinceTheJournal() {
        List<String> heard = new CopyOnWriteArrayList<>();
        dispatcher.listeners = List.of(new PipelineListener() {
            @Override
            public void committed(String sourceInstance, int fresh, Duration took) {
            }

            @Override
            public void delivered(String sink, Duration latency) {
                heard.add(sink + " " + (latency.toMillis() >= 60_000));
            }
        });
        long aMinuteAgo = System.currentTimeMillis() - 60_000;
        store.write(false, tx -> {
            byte[] event = EventCodec.encode(TestEvents.event("old", "json", "t", "{}"));
            tx.enqueue("s", "r1", Severity.HIGH, tx.appendEvent(aMinuteAgo, List.of(), event), aMinuteAgo);
            return null;
        });
        dispatcher.addSink(handle("s", new ScriptedSink(DeliveryException.retryable("503")), null));
        Await.until("delivered", () -> counters("s").delivered() == 1);
        // listeners hear a delivery once its outcome is committed, just after the counters show it
        Await.until("the delivery heard", () -> !heard.isEmpty());
        assertEquals(List.of("s true"), heard, "one delivery (the failed attempt is not one), a minute after its commit");
    }

    @Test
    void aDeliveryWhoseCommitFailsIsNotHeardByTheListeners() {
        AtomicInteger commitsToFail = new AtomicInteger(1);
        Store failingOnce = new ForwardingStore(store) {
            @Override
            public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
                return super.submit(durable, tx -> {
                    T r = work.apply(tx);
                    if (commitsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new StoreException("injected: the commit of the outcome failed", null);
                    }
                    return r;
                });
            }
        };
        dispatcher.deactivate();
        dispatcher = new Dispatcher(settings(Duration.ofHours(1), Duration.ofMillis(80)), failingOnce, bodies);
        List<String> heard = new CopyOnWriteArrayList<>();
        dispatcher.listeners = List.of(new PipelineListener() {
            @Override
            public void committed(String sourceInstance, int fresh, Duration took) {
            }

            @Override
            public void delivered(String sink, Duration latency) {
                heard.add(sink);
            }
        });
        dispatcher.activate();
        enqueue("s", "e1");
        ScriptedSink sink = new ScriptedSink();
        dispatcher.addSink(handle("s", sink, null));
        Await.until("delivered", () -> counters("s").delivered() == 1);
        assertEquals(0, commitsToFail.get(), "the first outcome's commit failed");
        assertEquals(2, sink.received.size(), "sent again after the failed commit");
        Await.until("the committed delivery heard", () -> !heard.isEmpty());
        assertEquals(List.of("s"), heard, "only the delivery whose outcome was committed is heard");
    }

    /** At least once for batches: a batch sent whose outcome is not committed (a crash, a failed commit) is sent again, whole. */
    @Test
    void aBatchWhoseCommitFailsAfterTheSendIsSentAgainWhole() {
        AtomicInteger commitsToFail = new AtomicInteger(1);
        List<Notification> sent = new CopyOnWriteArrayList<>();
        BatchSink batch = new BatchSink() {
            @Override
            public void send(Notification n) {
                throw new AssertionError("the dispatcher sends batches to a BatchSink");
            }

            @Override
            public Map<String, DeliveryException> sendBatch(List<Notification> notifications) {
                sent.addAll(notifications);
                return Map.of();
            }
        };
        Store failingOnceAfterASend = new ForwardingStore(store) {
            @Override
            public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
                return super.submit(durable, tx -> {
                    T r = work.apply(tx);
                    if (!sent.isEmpty() && commitsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new StoreException("injected: the commit of the batch's outcomes failed", null);
                    }
                    return r;
                });
            }
        };
        dispatcher.deactivate();
        dispatcher = new Dispatcher(settings(Duration.ofHours(1), Duration.ofMillis(80)), failingOnceAfterASend, bodies);
        dispatcher.activate();
        enqueue("b", "e1", "e2", "e3");
        dispatcher.addSink(handle("b", batch, null));

        Await.until("delivered", () -> counters("b").delivered() == 3);
        assertEquals(0, commitsToFail.get(), "the first batch's commit failed");
        assertEquals(List.of("e1", "e2", "e3", "e1", "e2", "e3"), sent.stream().map(n -> n.event().id()).toList(),
                "the whole batch sent again, nothing lost");
        assertEquals(sent.subList(0, 3).stream().map(Notification::idempotencyKey).toList(),
                sent.subList(3, 6).stream().map(Notification::idempotencyKey).toList(), "with the same keys");
        assertEquals(0L, (long) store.read(v -> v.pending("b")));
    }

    /**
     * The bound on what a crash repeats: a batch is sent only once the outcomes of the batch before
     * it are committed (the next batch is read and rendered meanwhile), so at most one batch is
     * ever out without its outcomes on disk. Every send sees the batches before it gone from the
     * outbox.
     */
    @Test
    void aBatchIsSentOnlyOnceTheBatchBeforeItIsCommitted() {
        List<String> sent = new CopyOnWriteArrayList<>();
        List<Long> pendingAtSend = new CopyOnWriteArrayList<>();
        BatchSink batch = new BatchSink() {
            @Override
            public void send(Notification n) {
                throw new AssertionError("the dispatcher sends batches to a BatchSink");
            }

            @Override
            public int maxBatchSize() {
                return 3;
            }

            @Override
            public Map<String, DeliveryException> sendBatch(List<Notification> notifications) {
                pendingAtSend.add(store.read(v -> v.pending("b")));
                notifications.forEach(n -> sent.add(n.event().id()));
                return Map.of();
            }
        };
        List<String> ids = Stream.iterate(1, i -> i + 1).limit(11).map(i -> "e" + i).toList();
        enqueue("b", ids.toArray(String[]::new));
        dispatcher.addSink(handle("b", batch, null));

        Await.until("delivered", () -> counters("b").delivered() == 11);
        assertEquals(ids, sent, "each once, in order");
        assertEquals(List.of(11L, 8L, 5L, 2L), pendingAtSend, "the batches before each send already removed");
        assertEquals(0L, (long) store.read(v -> v.pending("b")));
    }

    @Test
    void retryableFailureIsRetriedThenDelivered() {
        ScriptedSink sink = new ScriptedSink(DeliveryException.retryable("503"));
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", sink, null));
        Await.until("delivered", () -> counters("s").delivered() == 1);
        assertEquals(List.of(1, 2), sink.received.stream().map(Notification::attempt).toList());
        assertEquals(sink.received.get(0).idempotencyKey(), sink.received.get(1).idempotencyKey());
        assertEquals(List.of("retry", "delivered"), outcomes());
        assertEquals(1, store.read(v -> v.counters(Counter.Scope.SINK, "s")).retried());
        assertEquals(1, store.read(v -> v.counters(Counter.Scope.SINK, "s")).delivered());
        assertTrue(store.read(v -> v.lastSuccess("s")).isPresent());
    }

    @Test
    void retryAfterIsHonoured() {
        MutableClock clock = new MutableClock(NOW);
        restart(Duration.ofHours(1), Duration.ofSeconds(1), clock);
        ScriptedSink sink = new ScriptedSink(DeliveryException.retryable("429", Duration.ofMillis(400)));
        enqueueAt(clock.millis(), "s", "e1");
        dispatcher.addSink(handle("s", sink, null));
        Await.until("retried", () -> counters("s").retried() == 1);
        assertEquals(clock.millis() + 400, store.read(v -> v.nextDue("s")).getAsLong(), "due again after Retry-After");
        clock.advance(Duration.ofMillis(400));
        enqueueAt(clock.millis(), "s", "e2");
        Await.until("delivered", () -> counters("s").delivered() == 2);
        assertEquals(List.of("e1", "e1", "e2"), sink.received.stream().map(n -> n.event().id()).toList());
    }

    @Test
    void permanentFailureIsDeadLetteredAtOnce() {
        ScriptedSink sink = new ScriptedSink(DeliveryException.permanent("channel_not_found"));
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", sink, null));
        Await.until("dead-lettered", () -> counters("s").deadLettered() == 1);
        DeadLetter d = store.read(v -> v.deadLetters("s", 0, 1)).get(0);
        assertEquals("channel_not_found", d.reason());
        assertEquals(1, d.entry().attempts());
        assertEquals(0L, count(v -> v.pending("s")));
        assertEquals(1, sink.received.size());
    }

    @Test
    void maxAttemptsDeadLettersWithTheLastReason() {
        ScriptedSink sink = new ScriptedSink(DeliveryException.retryable("down 1"),
                DeliveryException.retryable("down 2"), DeliveryException.retryable("down 3"));
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", sink, null));
        Await.until("dead-lettered", () -> counters("s").deadLettered() == 1);
        DeadLetter d = store.read(v -> v.deadLetters("s", 0, 1)).get(0);
        assertEquals("down 3", d.reason());
        assertEquals(3, d.entry().attempts());
        assertEquals(List.of("retry", "retry", "dead"), outcomes());
    }

    @Test
    void anUnreadableEntryIsDeadLetteredAndDoesNotBlockTheOthers() {
        long now = System.currentTimeMillis();
        store.write(false, tx -> tx.enqueue("s", "r1", Severity.LOW, tx.appendEvent(now, List.of(), new byte[] {9, 9, 9}),
                now));
        enqueue("s", "e2");
        ScriptedSink sink = new ScriptedSink();
        dispatcher.addSink(handle("s", sink, null));
        Await.until("settled", () -> counters("s").delivered() == 1 && counters("s").deadLettered() == 1);
        assertEquals("the stored event cannot be read", store.read(v -> v.deadLetters("s", 0, 1)).get(0).reason());
        assertEquals("e2", sink.received.get(0).event().id());
    }

    @Test
    void unexpectedExceptionIsRetryable() {
        List<Integer> calls = new CopyOnWriteArrayList<>();
        Sink flaky = n -> {
            calls.add(n.attempt());
            if (n.attempt() == 1) {
                throw new IllegalStateException("bug");
            }
        };
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", flaky, null));
        Await.until("delivered", () -> counters("s").delivered() == 1);
        assertTrue(store.read(v -> v.history(10)).get(1).detail().contains("bug"));
    }

    @Test
    void entriesOfAnAbsentSinkWaitThenAreDelivered() {
        enqueue("late", "e1", "e2");
        ScriptedSink other = new ScriptedSink();
        dispatcher.addSink(handle("other", other, null));
        enqueue("other", "o1");
        Await.until("the other sink's entry, enqueued after, is delivered", () -> counters("other").delivered() == 1);
        assertEquals(2L, count(v -> v.pending("late")));
        ScriptedSink late = new ScriptedSink();
        SinkHandle h = handle("late", late, null);
        dispatcher.addSink(h);
        Await.until("delivered", () -> counters("late").delivered() == 2);
        assertEquals(List.of("e1", "e2"), late.received.stream().map(n -> n.event().id()).toList());

        dispatcher.removeSink(h.identity());
        Await.until("the removed sink's worker is gone", () -> workerThread("late").isEmpty());
        enqueue("late", "e3");
        enqueue("other", "o2");
        Await.until("the other sink's entry, enqueued after, is delivered", () -> counters("other").delivered() == 2);
        assertEquals(1L, count(v -> v.pending("late")), "a sink that went away leaves its entries waiting");
        assertEquals(2, late.received.size());
        assertEquals(List.of("o1", "o2"), other.received.stream().map(n -> n.event().id()).toList());
    }

    static Stream<Duration> absurdRetryAfters() {
        return Stream.of(Duration.ofSeconds(1_000_000_000_000L), Duration.ofSeconds(Long.MAX_VALUE),
                Duration.between(NOW, Instant.parse("9999-12-31T23:59:59Z")));
    }

    @ParameterizedTest
    @MethodSource("absurdRetryAfters")
    void aRetryAfterIsCappedAtTheLongestBackoff(Duration retryAfter) {
        MutableClock clock = new MutableClock(NOW);
        restart(Duration.ofHours(2), Duration.ofHours(1), clock);
        enqueueAt(clock.millis(), "s", "e1");
        dispatcher.addSink(handle("s", new ScriptedSink(DeliveryException.retryable("429", retryAfter)), null));
        Await.until("retried", () -> counters("s").retried() == 1);
        assertEquals(clock.millis() + Duration.ofHours(1).toMillis(), store.read(v -> v.nextDue("s")).getAsLong(),
                "due again after delivery_backoff_max_ms");
    }

    @ParameterizedTest
    @ValueSource(longs = {-5, Long.MIN_VALUE})
    void aNegativeRetryAfterIsIgnored(long seconds) {
        MutableClock clock = new MutableClock(NOW);
        restart(Duration.ofHours(2), Duration.ofHours(1), clock);
        enqueueAt(clock.millis(), "s", "e1");
        dispatcher.addSink(handle("s", new ScriptedSink(DeliveryException.retryable("429", Duration.ofSeconds(seconds))),
                null));
        Await.until("retried", () -> counters("s").retried() == 1);
        long wait = store.read(v -> v.nextDue("s")).getAsLong() - clock.millis();
        assertTrue(wait >= 10 && wait <= 20, "the first backoff, 10 to 20 ms with jitter: " + wait);
    }

    @Test
    void aPausedSinksEntriesAgeIntoTheDeadLetterStoreOnTime() {
        MutableClock clock = new MutableClock(NOW);
        restart(Duration.ofMinutes(30), Duration.ofHours(1), clock);
        enqueueAt(clock.millis(), "s", "e1", "e2");
        ScriptedSink sink = new ScriptedSink(DeliveryException.retryable("429 slow down",
                Duration.ofSeconds(1_000_000_000_000L)));
        dispatcher.addSink(handle("s", sink, null));
        Await.until("paused for an hour", () -> counters("s").retried() == 1);
        clock.advance(Duration.ofMinutes(29));
        enqueueAt(clock.millis(), "s", "e3");
        clock.advance(Duration.ofMinutes(2));
        enqueueAt(clock.millis(), "s", "e4");

        Await.until("the two older than 30 minutes are dead-lettered", () -> counters("s").deadLettered() == 2);
        List<DeadLetter> dead = store.read(v -> v.deadLetters("s", 0, 10));
        assertEquals(List.of("e1", "e2"), dead.stream().map(d -> d.entry().decodeEvent().id()).toList());
        for (DeadLetter d : dead) {
            assertEquals("not delivered within 30 min (delivery_max_age_minutes); last error: 429 slow down", d.reason());
        }
        assertEquals(2L, count(v -> v.pending("s")), "e3 and e4 are younger and wait for the pause to end");
        assertEquals(1, sink.received.size(), "the paused sink was not called again");
        assertEquals(List.of("retry", "dead", "dead"), outcomes());
    }

    @Test
    void aPausedSinksEntriesAgeWithNothingElseHappening() {
        restart(Duration.ofSeconds(1), Duration.ofHours(1), Clock.systemUTC());
        ScriptedSink sink = new ScriptedSink(null, DeliveryException.retryable("429", Duration.ofSeconds(1_000_000_000_000L)));
        dispatcher.addSink(handle("s", sink, null));
        enqueue("s", "warm-up");
        Await.until("the warm-up is delivered, so the next send takes far less than the age limit",
                () -> counters("s").delivered() == 1);
        enqueue("s", "e1", "e2");
        Await.until("both dead-lettered within the 10 s bound, not after the hour", () -> counters("s").deadLettered() == 2);
        assertEquals(0L, count(v -> v.pending("s")));
        enqueue("s", "e3");
        Await.until("one enqueued after the outbox emptied ages too", () -> counters("s").deadLettered() == 3);
        assertEquals(List.of("warm-up", "e1"), sink.received.stream().map(n -> n.event().id()).toList(),
                "e1 paused the sink; the others aged without a send");
    }

    @ParameterizedTest(name = "unbound first: {0}")
    @ValueSource(booleans = {false, true})
    void aReplacedSinkFinishesItsSendBeforeItsReplacementSendsAnything(boolean unboundFirst) throws Exception {
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Sink old = n -> {
            sends.computeIfAbsent(n.event().id(), id -> new AtomicInteger()).incrementAndGet();
            sending.countDown();
            awaitDeafly(release);
        };
        Sink replacement = n -> sends.computeIfAbsent(n.event().id(), id -> new AtomicInteger()).incrementAndGet();
        enqueue("s", "e1", "e2", "e3");
        SinkHandle first = handle("s", old, null);
        dispatcher.addSink(first);
        assertTrue(sending.await(10, TimeUnit.SECONDS), "the old sink is sending e1");

        if (unboundFirst) {
            dispatcher.removeSink(first.identity());
        }
        dispatcher.addSink(handle("s", replacement, null));
        release.countDown();

        Await.until("all delivered", () -> counters("s").delivered() == 3 && count(v -> v.pending("s")) == 0);
        assertEquals(Map.of("e1", 1, "e2", 1, "e3", 1), sends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())), "one send per entry");
        assertEquals(List.of("delivered", "delivered", "delivered"), outcomes());
    }

    @Test
    void deactivationWithTenSinksBlockedInSendIsBoundedAndLeavesTheirEntries() throws Exception {
        CountDownLatch sending = new CountDownLatch(10);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            boolean deaf = i % 2 == 0;
            Sink blocked = n -> {
                sending.countDown();
                if (deaf) {
                    awaitDeafly(release);
                } else {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw DeliveryException.retryable("interrupted");
                    }
                }
            };
            enqueue("b" + i, "e" + i);
            dispatcher.addSink(handle("b" + i, blocked, null));
        }
        assertTrue(sending.await(10, TimeUnit.SECONDS), "all ten are sending");

        Thread deactivation = new Thread(dispatcher::deactivate, "deactivation");
        deactivation.start();
        deactivation.join(5_000);
        assertFalse(deactivation.isAlive(), "deactivation ended within 5 s");
        for (int i = 1; i < 10; i += 2) {
            assertEquals(Optional.empty(), workerThread("b" + i), "the worker of a sink that honours interrupts is gone");
        }
        List<Thread> deafWorkers = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            deafWorkers.add(workerThread("b" + i).orElseThrow(() -> new AssertionError("a deaf sink is still sending")));
        }
        release.countDown();
        for (Thread t : deafWorkers) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " ended once its send returned");
        }
        for (int i = 0; i < 10; i++) {
            String sink = "b" + i;
            assertEquals(1L, count(v -> v.pending(sink)), "the entry in flight stays in the outbox");
            assertEquals(0, store.read(v -> v.due(sink, Long.MAX_VALUE, 1)).get(0).attempts(), "nothing was recorded");
        }
        assertEquals(List.of(), outcomes());
    }

    /** Per key whether the sink reads idempotency keys or not (then its keys are the entries' sequence numbers). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchSinkFailuresAreHandledPerKey(boolean idempotencyKeys) {
        Map<String, String> outcomeById = new HashMap<>(Map.of("ok", "", "bad", "permanent", "busy", "retry"));
        List<Notification> sent = new CopyOnWriteArrayList<>();
        BatchSink batch = new BatchSink() {
            @Override
            public void send(Notification n) {
                throw new AssertionError("the dispatcher sends batches to a BatchSink");
            }

            @Override
            public Map<String, DeliveryException> sendBatch(List<Notification> notifications) {
                sent.addAll(notifications);
                Map<String, DeliveryException> failed = new HashMap<>();
                for (Notification n : notifications) {
                    String o = outcomeById.get(n.event().id());
                    if (o.equals("permanent")) {
                        failed.put(n.idempotencyKey(), DeliveryException.permanent("too large"));
                    } else if (o.equals("retry") && n.attempt() == 1) {
                        failed.put(n.idempotencyKey(), DeliveryException.retryable("throttled"));
                    }
                }
                return failed;
            }
        };
        enqueue("b", "ok", "bad", "busy");
        dispatcher.addSink(new SinkHandle("b", "test", Escape.NONE, null, 0, batch, null, new Object(), idempotencyKeys));
        Await.until("settled", () -> sent.size() == 4
                && counters("b").delivered() == 2);
        assertEquals(3, sent.stream().filter(n -> n.attempt() == 1).count(), "the first three went in one batch");
        assertEquals(List.of("busy"), sent.stream().filter(n -> n.attempt() == 2).map(n -> n.event().id()).toList());
        assertEquals("too large", store.read(v -> v.deadLetters("b", 0, 10)).get(0).reason());
        assertEquals(2, store.read(v -> v.counters(Counter.Scope.SINK, "b")).delivered());
    }

    /** A sink bundle {@code dev.herald.sink.test} whose only template is a default of this text. */
    private SinkResources bundleWithDefaultTemplate(String template) throws IOException {
        Path templates = Files.createDirectories(dir.resolve("bundle/templates"));
        Files.writeString(templates.resolve("default.peb"), template);
        return new DirectorySinkResources(dir.resolve("bundle"), "dev.herald.sink.test");
    }

    @Test
    void templateErrorIsPermanentAndNamesTheTemplate() throws Exception {
        SinkResources resources = bundleWithDefaultTemplate("line one\n{{ event.id }\n");
        enqueue("s", "e1");
        ScriptedSink sink = new ScriptedSink();
        dispatcher.addSink(handle("s", sink, resources));
        Await.until("dead-lettered", () -> counters("s").deadLettered() == 1);
        String reason = store.read(v -> v.deadLetters("s", 0, 1)).get(0).reason();
        assertTrue(reason.contains("dev.herald.sink.test!/templates/default.peb") && reason.contains("line 2"), reason);
        assertTrue(sink.received.isEmpty());
    }

    @Test
    void rateLimitsPaceDeliveries() {
        ScriptedSink sink = new ScriptedSink();
        enqueue("s", "a", "b", "c", "d", "e", "f");
        dispatcher.addSink(new SinkHandle("s", "test", Escape.NONE, null, 4, sink, null, new Object()));
        Await.until("delivered", () -> sink.received.size() == 6);
        assertTrue(sink.times.get(5) - sink.times.get(0) >= 450, "4/s after a burst of one second's worth");
    }

    @Test
    void aSinkThatReadsNoKeysHasTheRealKeyHashedOnlyForItsTemplate() throws Exception {
        SinkResources resources = bundleWithDefaultTemplate("{{ event.id }} {{ idempotencyKey }}");
        enqueue("keyless", "e1");
        enqueue("keyed", "e1");
        ScriptedSink keyless = new ScriptedSink();
        ScriptedSink keyed = new ScriptedSink();
        dispatcher.addSink(new SinkHandle("keyless", "test", Escape.NONE, null, 0, keyless, resources, new Object(),
                false));
        dispatcher.addSink(new SinkHandle("keyed", "test", Escape.NONE, null, 0, keyed, resources, new Object(), true));
        Await.until("delivered", () -> keyless.received.size() == 1 && keyed.received.size() == 1);
        String keylessKey = IdempotencyKey.of("test-src", "e1", "r1", "keyless");
        assertEquals("e1 " + keylessKey, keyless.received.get(0).body(), "the template reads the real key");
        assertFalse(keylessKey.equals(keyless.received.get(0).idempotencyKey()), "the sink gets the entry's number");
        Notification n = keyed.received.get(0);
        assertEquals("e1 " + n.idempotencyKey(), n.body());
        assertEquals(IdempotencyKey.of(n.event().instance(), "e1", "r1", "keyed"), n.idempotencyKey());
    }

    @Test
    void idempotencyKeyIsStableHex() {
        String k = IdempotencyKey.of("src", "e1", "r", "s");
        assertEquals(k, IdempotencyKey.of("src", "e1", "r", "s"));
        assertEquals(32, k.length());
        assertFalse(k.equals(IdempotencyKey.of("src", "e1", "r", "s2")));
        assertTrue(k.matches("[0-9a-f]+"));
    }
}
