package dev.herald.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.MutableClock;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.IdempotencyKey;
import dev.herald.core.dispatch.SinkHandle;
import dev.herald.core.route.RouteTable;
import dev.herald.core.silence.SilenceService;
import dev.herald.core.store.Counter;
import dev.herald.core.store.EventCodec;
import dev.herald.core.store.MvStore;
import dev.herald.core.template.Escape;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayServiceTest {
    /** The tests' clock starts at the present, so that the store's retention (on the system clock) agrees. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    MvStore store;
    MutableClock clock;
    RouteTable table;
    Dispatcher dispatcher;
    final AtomicInteger replayIds = new AtomicInteger();
    /** Sinks the replays may name: those the test configured. */
    final Set<String> configured = new java.util.HashSet<>(Set.of("slack", "jira", "pager"));

    @BeforeEach
    void open() {
        store = MvStore.open(TestSettings.defaults(dir));
        clock = new MutableClock(NOW);
        Map<String, Object> disabled = TestEvents.route("deletes", "{\"source\":[\"cloudtrail\"],"
                + "\"type\":[{\"prefix\":\"Delete\"}]}", "slack", "jira");
        disabled.put("enabled", false);
        disabled.put("severity", "high");
        disabled.put("templates", new String[] {"jira=replayed.peb"});
        table = TestEvents.routes(disabled,
                TestEvents.route("all", "{\"source\":[\"cloudtrail\"]}", "pager"),
                TestEvents.route("broken", "{\"source\": [", "slack"),
                TestEvents.route("to-nowhere", "{\"source\":[\"cloudtrail\"]}", "slack", "gone"));
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.deactivate();
        }
        store.close();
    }

    private ReplayService replays(CoreSettings settings) {
        return new ReplayService(store, () -> table, configured::contains, settings, clock,
                () -> "replay-" + replayIds.incrementAndGet());
    }

    private ReplayResult replay(ReplayRequest r) {
        return replays(TestSettings.defaults(dir)).replay(r);
    }

    private static ReplayRequest dryRun(Instant since, Instant until, String route) {
        return new ReplayRequest(since, until, null, null, null, route, List.of(), false);
    }

    private static ReplayRequest send(Instant since, String route, String... sinks) {
        return new ReplayRequest(since, null, null, null, null, route, List.of(sinks), true);
    }

    /** Logs an event as the journal does, received {@code ago} before the clock's now. */
    private long log(Duration ago, String id, String type) {
        return log(ago, TestEvents.event(id, "cloudtrail", type, "{\"id\":\"" + id + "\"}"));
    }

    private long log(Duration ago, Event e) {
        return store.write(true, tx -> tx.appendEvent(NOW.minus(ago).toEpochMilli(), List.of(), EventCodec.encode(e)));
    }

    private long pending(String sink) {
        return store.read(v -> v.pending(sink));
    }

    @Test
    void aDryRunCountsWhatTheDisabledRouteWouldSendAndQueuesNothing() {
        log(Duration.ofHours(5), "before", "DeleteUser");
        log(Duration.ofHours(3), "d1", "DeleteUser");
        log(Duration.ofHours(2), "c1", "CreateUser");
        log(Duration.ofMinutes(90), "d2", "DeleteBucket");
        log(Duration.ofMinutes(30), "after", "DeleteUser");

        ReplayResult r = replay(dryRun(NOW.minus(Duration.ofHours(4)), NOW.minus(Duration.ofHours(1)), "deletes"));

        assertEquals(3, r.scanned(), "only the events received in the range are read");
        assertEquals(2, r.matched());
        assertEquals(Map.of("slack", 2L, "jira", 2L), r.perSink());
        assertEquals(List.of("slack", "jira"), List.copyOf(r.perSink().keySet()), "in the route's order");
        assertNull(r.replay(), "a dry run has no id");
        assertTrue(!r.sent());
        assertEquals(0, pending("slack") + pending("jira"));
    }

    @Test
    void aReplayOfAGroupingRouteSendsEachEventOnItsOwn() {
        Map<String, Object> grouping = TestEvents.route("grouped", "{\"source\":[\"cloudtrail\"]}", "slack");
        grouping.put("group_by", "type");
        table = TestEvents.routes(grouping);
        log(Duration.ofHours(2), "d1", "DeleteUser");
        log(Duration.ofHours(2), "d2", "DeleteUser");

        ReplayResult r = replay(send(NOW.minus(Duration.ofHours(3)), "grouped", "slack"));

        assertEquals(Map.of("slack", 2L), r.perSink());
        assertEquals(2, pending("slack"), "one entry per event, at once");
        assertEquals(0L, (long) store.read(v -> v.groupCount()), "no group");
    }

    @Test
    void theFiltersSelectBySourceOrInstanceTypeAndId() {
        log(Duration.ofHours(2), "d1", "DeleteUser");
        log(Duration.ofHours(2), "d2", "DeleteBucket");
        log(Duration.ofHours(2), TestEvents.event("d3", "json", "DeleteUser", "{}"));
        Instant since = NOW.minus(Duration.ofHours(3));

        assertEquals(2, replay(new ReplayRequest(since, null, "cloudtrail", null, null, "all", List.of(), false)).matched());
        assertEquals(2, replay(new ReplayRequest(since, null, "test-src", null, null, "all", List.of(), false)).matched(),
                "the source instance's name selects as well");
        assertEquals(1, replay(new ReplayRequest(since, null, null, "DeleteUser", null, "deletes", List.of(), false))
                .matched(), "the json event is not the route's");
        assertEquals(1, replay(new ReplayRequest(since, null, null, null, "d2", "deletes", List.of(), false)).matched());
        assertEquals(0, replay(new ReplayRequest(since, null, "pce", null, null, "all", List.of(), false)).matched());
    }

    @Test
    void aRangeLongerThanAPageIsReadPageByPage() {
        int events = ReplayService.PAGE * 2 + 7;
        store.write(true, tx -> {
            for (int i = 0; i < events; i++) {
                Event e = TestEvents.event("e" + i, "cloudtrail", i % 2 == 0 ? "DeleteUser" : "GetUser", "{}");
                tx.appendEvent(NOW.minus(Duration.ofHours(1)).toEpochMilli(), List.of(), EventCodec.encode(e));
            }
            return null;
        });

        ReplayResult r = replay(send(NOW.minus(Duration.ofHours(2)), "deletes", "jira"));

        assertEquals(events, r.scanned());
        assertEquals(events / 2 + 1, r.matched());
        assertEquals(Map.of("jira", (long) (events / 2 + 1)), r.perSink());
        assertEquals(events / 2 + 1, pending("jira"), "every match queued once");
        assertEquals(0, pending("slack"), "only the named sink");
    }

    @Test
    void sendingDeliversThroughTheOutboxWithKeysScopedToTheReplayAndStableAcrossRetries() {
        log(Duration.ofHours(2), "d1", "DeleteUser");
        List<Notification> received = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger(1);
        Sink jira = n -> {
            received.add(n);
            if (failures.getAndDecrement() > 0) {
                throw DeliveryException.retryable("503 from Jira");
            }
        };
        startDispatcher(jira);

        ReplayResult first = replay(send(NOW.minus(Duration.ofHours(3)), "deletes", "jira"));
        Await.until("the replay delivered", () -> delivered("jira") == 1);
        ReplayResult second = replay(send(NOW.minus(Duration.ofHours(3)), "deletes", "jira"));
        Await.until("the second replay delivered", () -> delivered("jira") == 2);

        assertEquals("replay-1", first.replay());
        assertTrue(first.sent());
        assertEquals(Map.of("jira", 1L), first.perSink());
        assertEquals(List.of(1, 2, 1), received.stream().map(Notification::attempt).toList());
        String key = received.get(0).idempotencyKey();
        assertEquals(key, received.get(1).idempotencyKey(), "a retried replay entry keeps its key");
        assertEquals(IdempotencyKey.of("replay-1", "test-src", "d1", "deletes", "jira"), key);
        assertNotEquals(IdempotencyKey.of("test-src", "d1", "deletes", "jira"), key,
                "the sink takes it as new even if it had the original delivery");
        assertNotEquals(key, received.get(2).idempotencyKey(), "each replay has keys of its own");
        assertEquals("deletes", received.get(0).route());
        assertEquals("replayed d1 " + key, received.get(0).body(),
                "the disabled route's template override for the sink applies, with the replay's key");
        assertEquals("HIGH", received.get(0).severity().name(), "the route's severity applies");
    }

    @Test
    void aReplayedEntryThatDiesKeepsItsReplayThroughTheDeadLetterAndItsRetry() {
        long key = log(Duration.ofHours(2), "d1", "DeleteUser");
        replay(send(NOW.minus(Duration.ofHours(3)), "deletes", "slack"));
        long dead = store.write(true, tx -> {
            var entry = tx.due("slack", Long.MAX_VALUE, 1).get(0);
            tx.removeOutbox(entry);
            return tx.addDeadLetter(entry, "bad token", NOW.toEpochMilli()).id();
        });
        assertEquals("replay-1", store.read(v -> v.deadLetters("slack", 0, 10)).get(0).entry().replay());
        store.write(true, tx -> tx.retryDeadLetter("slack", dead, NOW.toEpochMilli()));
        var again = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        assertEquals(1, again.size());
        assertEquals("replay-1", again.get(0).replay());
        assertEquals(key, again.get(0).eventKey());
    }

    @Test
    void normalTrafficKeepsItsKeysAndEntries() {
        long key = log(Duration.ofHours(2), "d1", "DeleteUser");
        store.write(true, tx -> tx.enqueue("slack", "all", dev.herald.api.Severity.LOW, key, NOW.toEpochMilli()));
        assertNull(store.read(v -> v.due("slack", Long.MAX_VALUE, 1)).get(0).replay());
        assertEquals(IdempotencyKey.of("test-src", "d1", "all", "slack"),
                IdempotencyKey.of(null, "test-src", "d1", "all", "slack"));
    }

    @Test
    void aRangeBeyondTheRetentionAgeIsRefusedSayingWhatIsRetained() {
        clock.advance(Duration.ofHours(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> replay(dryRun(NOW.minus(Duration.ofHours(23)), null, "deletes")));
        assertTrue(e.getMessage().contains("keeps events for 24 hours and at most 1024 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("received from " + NOW.minus(Duration.ofHours(22))), e.getMessage());
        replay(dryRun(NOW.minus(Duration.ofHours(22)), null, "deletes"));
    }

    @Test
    void aRangeReachingEventsTheSizeLimitDroppedIsRefused() {
        log(Duration.ofHours(3), "old", "DeleteUser");
        CoreSettings tiny = tinyLog();
        store.close();
        store = MvStore.open(tiny);
        store.write(false, tx -> null);
        log(Duration.ofHours(1), "new", "DeleteUser");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> replays(tiny).replay(dryRun(NOW.minus(Duration.ofHours(4)), null, "deletes")));
        assertTrue(e.getMessage().contains("holds every event received from "
                + NOW.minus(Duration.ofHours(3)).plusMillis(1)), e.getMessage());
        assertEquals(1, replays(tiny).replay(dryRun(NOW.minus(Duration.ofHours(2)), null, "deletes")).matched());
    }

    private CoreSettings tinyLog() {
        CoreSettings d = TestSettings.defaults(dir);
        return new CoreSettings(dir, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), d.maxAttempts(), d.maxAge(), d.backoffInitial(),
                d.backoffMax(), d.templatesDirectory(), d.deadLetterMaxPerSink(), d.eventRetention(), 1);
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrong() {
        Instant since = NOW.minus(Duration.ofHours(1));
        assertMessage("--until (" + since + ") must be after --since (" + since + ")",
                dryRun(since, since, "deletes"));
        assertMessage("--since (" + NOW.plusSeconds(60) + ") is in the future",
                dryRun(NOW.plusSeconds(60), NOW.plusSeconds(120), "deletes"));
        assertMessage("give --since", dryRun(null, null, "deletes"));
        assertMessage("no route named 'nope'; configured routes: all, broken, deletes, to-nowhere",
                dryRun(since, null, "nope"));
        assertMessage("route broken is invalid", dryRun(since, null, "broken"));
        assertMessage("sink 'pager' is not a sink of route deletes; its sinks: slack, jira",
                send(since, "deletes", "pager"));
        assertMessage("sink 'gone' of route to-nowhere is not configured", dryRun(since, null, "to-nowhere"));
        assertEquals(0, pending("slack"), "a refused replay queues nothing");
    }

    private void assertMessage(String expected, ReplayRequest request) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replay(request));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private void startDispatcher(Sink jira) {
        try {
            java.nio.file.Files.createDirectories(dir.resolve("templates"));
            java.nio.file.Files.writeString(dir.resolve("templates/replayed.peb"), "replayed {{ event.id }} {{ idempotencyKey }}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CoreSettings d = TestSettings.defaults(dir);
        CoreSettings fast = new CoreSettings(dir, false, d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), 3, d.maxAge(), Duration.ofMillis(20),
                Duration.ofMillis(80), d.templatesDirectory(), d.deadLetterMaxPerSink(), d.eventRetention(),
                d.eventRetentionBytes());
        dispatcher = new Dispatcher(fast, store, new Bodies(() -> table, new TemplateRenderer(dir.resolve("templates"))));
        dispatcher.activate();
        dispatcher.addSink(new SinkHandle("jira", "log", Escape.NONE, null, 0, jira, null, "jira"));
    }

    private long delivered(String sink) {
        return store.read(v -> v.counters(Counter.Scope.SINK, sink)).delivered();
    }

    /** A replay is an operator's explicit order: a silence in force does not hold it back. */
    @Test
    void aSilenceDoesNotHoldBackAReplay() {
        log(Duration.ofMinutes(5), "d1", "DeleteBucket");
        new SilenceService(store, clock).add(new SilenceRequest("{\"source\":[\"cloudtrail\"]}", List.of(),
                Duration.ofHours(2), "maintenance", "ann"), configured);

        ReplayResult r = replay(send(NOW.minus(Duration.ofHours(1)), "deletes", "slack"));

        assertEquals(1, r.matched());
        assertEquals(1, pending("slack"));
    }
}
