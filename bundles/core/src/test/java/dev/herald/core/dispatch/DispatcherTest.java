package dev.herald.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.Sink;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.PipelineListener;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.DeadLetter;
import dev.herald.core.store.EventCodec;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.StoreView;
import dev.herald.core.template.Escape;
import dev.herald.core.template.DirectorySinkResources;
import dev.herald.core.template.SinkResources;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    @TempDir
    Path dir;
    MvStore store;
    Dispatcher dispatcher;

    @BeforeEach
    void open() {
        CoreSettings d = TestSettings.defaults(dir);
        CoreSettings settings = new CoreSettings(dir, false, d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), 3, Duration.ofHours(1),
                Duration.ofMillis(20), Duration.ofMillis(80), dir.resolve("templates"));
        store = MvStore.open(settings);
        RouteTable routes = RouteTable.empty();
        dispatcher = new Dispatcher(settings, store, new Bodies(() -> routes, new TemplateRenderer(dir.resolve("templates"))));
        dispatcher.activate();
    }

    @AfterEach
    void close() {
        dispatcher.deactivate();
        store.close();
    }

    private void enqueue(String sink, String... ids) {
        store.write(false, tx -> {
            for (String id : ids) {
                tx.enqueue(sink, "r1", Severity.HIGH, EventCodec.encode(TestEvents.event(id, "json", "t",
                        "{\"msg\":\"" + id + "\"}")), System.currentTimeMillis());
            }
            return null;
        });
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

    /** A sink that answers from a script of outcomes (null = success) and records what it got. */
    static final class ScriptedSink implements Sink {
        final List<DeliveryException> script;
        final List<Notification> received = new CopyOnWriteArrayList<>();
        final List<Long> times = new CopyOnWriteArrayList<>();

        ScriptedSink(DeliveryException... script) {
            this.script = new ArrayList<>(List.of(script));
        }

        @Override
        public void send(Notification n) throws DeliveryException {
            received.add(n);
            times.add(System.currentTimeMillis());
            if (!script.isEmpty()) {
                DeliveryException next = script.remove(0);
                if (next != null) {
                    throw next;
                }
            }
        }
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
            tx.enqueue("s", "r1", Severity.HIGH, EventCodec.encode(TestEvents.event("old", "json", "t", "{}")), aMinuteAgo);
            return null;
        });
        dispatcher.addSink(handle("s", new ScriptedSink(DeliveryException.retryable("503")), null));
        Await.until("delivered", () -> counters("s").delivered() == 1);
        assertEquals(List.of("s true"), heard, "one delivery (the failed attempt is not one), a minute after its commit");
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
        ScriptedSink sink = new ScriptedSink(DeliveryException.retryable("429", Duration.ofMillis(400)));
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", sink, null));
        Await.until("delivered", () -> sink.received.size() == 2);
        assertTrue(sink.times.get(1) - sink.times.get(0) >= 400, "waited at least Retry-After");
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
        store.write(false, tx -> tx.enqueue("s", "r1", Severity.LOW, new byte[] {9, 9, 9}, System.currentTimeMillis()));
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
    void entriesOfAnAbsentSinkWaitThenAreDelivered() throws Exception {
        enqueue("late", "e1", "e2");
        ScriptedSink other = new ScriptedSink();
        dispatcher.addSink(handle("other", other, null));
        Thread.sleep(100);
        assertEquals(2L, count(v -> v.pending("late")));
        ScriptedSink late = new ScriptedSink();
        SinkHandle h = handle("late", late, null);
        dispatcher.addSink(h);
        Await.until("delivered", () -> counters("late").delivered() == 2);
        assertEquals(List.of("e1", "e2"), late.received.stream().map(n -> n.event().id()).toList());

        dispatcher.removeSink(h.identity());
        enqueue("late", "e3");
        Thread.sleep(100);
        assertEquals(1L, count(v -> v.pending("late")), "a sink that went away leaves its entries waiting");
        assertTrue(other.received.isEmpty());
    }

    @Test
    void batchSinkFailuresAreHandledPerKey() {
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
        dispatcher.addSink(handle("b", batch, null));
        Await.until("settled", () -> sent.size() == 4
                && counters("b").delivered() == 2);
        assertEquals(3, sent.stream().filter(n -> n.attempt() == 1).count(), "the first three went in one batch");
        assertEquals(List.of("busy"), sent.stream().filter(n -> n.attempt() == 2).map(n -> n.event().id()).toList());
        assertEquals("too large", store.read(v -> v.deadLetters("b", 0, 10)).get(0).reason());
        assertEquals(2, store.read(v -> v.counters(Counter.Scope.SINK, "b")).delivered());
    }

    @Test
    void templateErrorIsPermanentAndNamesTheTemplate() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle/templates"));
        Files.writeString(bundle.resolve("default.peb"), "line one\n{{ event.id }\n");
        SinkResources resources = new DirectorySinkResources(dir.resolve("bundle"), "dev.herald.sink.test");
        enqueue("s", "e1");
        ScriptedSink sink = new ScriptedSink();
        dispatcher.addSink(handle("s", sink, resources));
        Await.until("dead-lettered", () -> counters("s").deadLettered() == 1);
        String reason = store.read(v -> v.deadLetters("s", 0, 1)).get(0).reason();
        assertTrue(reason.contains("dev.herald.sink.test!/templates/default.peb") && reason.contains("line 2"), reason);
        assertTrue(sink.received.isEmpty());
    }

    @Test
    void shutdownIsPromptAndLeavesTheInFlightEntry() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        Sink stuck = n -> {
            sending.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw DeliveryException.retryable("interrupted");
            }
        };
        enqueue("s", "e1");
        dispatcher.addSink(handle("s", stuck, null));
        sending.await();
        long start = System.nanoTime();
        dispatcher.deactivate();
        assertTrue(System.nanoTime() - start < 8_000_000_000L, "stopped within the grace periods");
        assertEquals(1L, count(v -> v.pending("s")));
        assertEquals(0, store.read(v -> v.due("s", Long.MAX_VALUE, 1)).get(0).attempts(), "nothing was recorded");
        assertFalse(store.read(v -> v.history(1)).stream().anyMatch(h -> h.outcome().equals("retry")));
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
    void idempotencyKeyIsStableHex() {
        String k = IdempotencyKey.of("src", "e1", "r", "s");
        assertEquals(k, IdempotencyKey.of("src", "e1", "r", "s"));
        assertEquals(32, k.length());
        assertFalse(k.equals(IdempotencyKey.of("src", "e1", "r", "s2")));
        assertTrue(k.matches("[0-9a-f]+"));
    }
}
