package dev.herald.core.digest;

import static dev.herald.core.TestEvents.json;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.Sink;
import dev.herald.core.ScriptedSink;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.MutableClock;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.SinkHandle;
import dev.herald.core.journal.JournalService;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.template.Escape;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digests end to end with a clock the test moves: the real journal, store, flusher, dispatcher and
 * renderer (core's built-in digest template for a plain-text sink); the sink records what it gets.
 */
class DigestTest {
    private static final String ROOT = "arn:aws:iam::111122223333:root";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    CoreSettings settings;
    MvStore store;
    volatile RouteTable table = RouteTable.empty();
    JournalService journal;
    DigestFlusher flusher;
    Dispatcher dispatcher;
    ScriptedSink slack;
    int ids;

    @BeforeEach
    void open() throws Exception {
        CoreSettings d = TestSettings.defaults(dir);
        // three attempts, 20 ms apart: a retry comes soon
        settings = new CoreSettings(dir, false, d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), 3, Duration.ofDays(1),
                Duration.ofMillis(20), Duration.ofMillis(20), dir.resolve("templates"), d.deadLetterMaxPerSink(),
                d.eventRetention(), d.eventRetentionBytes());
        Files.createDirectories(dir.resolve("templates"));
        table = routes(logins(Map.of()));
        start();
    }

    private void start(DeliveryException... script) {
        store = MvStore.open(settings);
        journal = new JournalService(store, () -> table, new SourceProblems(), clock);
        flusher = new DigestFlusher(store, clock);
        dispatcher = new Dispatcher(settings, store, new Bodies(() -> table,
                new TemplateRenderer(dir.resolve("templates"))), clock);
        dispatcher.activate();
        slack = new ScriptedSink(script);
        dispatcher.addSink(new SinkHandle("slack", "test", Escape.NONE, null, 0, slack, null, new Object()));
    }

    @AfterEach
    void close() {
        dispatcher.deactivate();
        store.close();
    }

    /** Console logins grouped by who logged in, with Alertmanager's default timers unless {@code extra} says. */
    private static Map<String, Object> logins(Map<String, Object> extra) {
        Map<String, Object> r = route("logins", "{\"source\": [\"cloudtrail\"]}", "slack");
        r.put("group_by", "type, detail.userIdentity.arn");
        r.putAll(extra);
        return r;
    }

    private Event login(String arn) {
        String detail = "{\"eventName\":\"ConsoleLogin\",\"userIdentity\":{\"arn\":\"" + arn + "\"}}";
        return Event.builder().id("e" + ++ids).source("cloudtrail").instance("trail").type("ConsoleLogin")
                .time(clock.instant()).severity(Severity.MEDIUM).detail(json(detail)).raw(detail).build();
    }

    private void receive(int n, String arn) throws Exception {
        List<Event> batch = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> batch.add(login(arn)));
        journal.append("trail", batch, null);
    }

    private List<OutboxEntry> outbox() {
        return store.read(v -> v.due("slack", Long.MAX_VALUE, 100));
    }

    /**
     * Waits until the sink got {@code n} notifications and their deliveries are recorded. It waits
     * for the delivered count, not for an empty outbox: a transaction writes its counts last, so a
     * reader that sees them sees the outbox entries gone too, while one that sees the outbox empty
     * may still read the counts from before.
     */
    private void awaitReceived(int n) {
        Await.until("the sink got " + n + " notifications", () -> slack.received.size() == n
                && store.read(v -> v.counters(Counter.Scope.SINK, "slack")).delivered() == n);
    }

    @Test
    void aBurstWaitsGroupWaitThenGoesOutAsOneDigest() throws Exception {
        receive(50, ROOT);
        assertEquals(0, flusher.flush(), "nothing before group_wait");
        assertEquals(List.of(), outbox());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, flusher.flush());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, flusher.flush(), "group_wait (30s) has passed");
        assertEquals(0, flusher.flush(), "a digest goes once");

        awaitReceived(1);
        Notification n = slack.received.get(0);
        assertTrue(n.body().startsWith("[MEDIUM] 50 events of group type=ConsoleLogin, detail.userIdentity.arn="
                + ROOT + " (route logins)"), n.body());
        assertTrue(n.body().contains("ConsoleLogin from trail (id e1)") && n.body().contains("(id e10)")
                && !n.body().contains("(id e11)"), "the first ten events as examples: " + n.body());
        assertTrue(n.body().contains("and 40 more, the last cloudtrail ConsoleLogin at 2026-12-01T10:00:00Z (id e50)"),
                n.body());
        assertEquals("e1", n.event().id(), "the sink's event is the digest's first");
        assertEquals(50, store.read(v -> v.counters(Counter.Scope.ROUTE, "logins")).routed(),
                "the route counts every event it matched");
        assertEquals(1, store.read(v -> v.counters(Counter.Scope.SINK, "slack")).delivered());
    }

    @Test
    void laterEventsOfTheGroupGoOutTogetherEveryGroupInterval() throws Exception {
        receive(1, ROOT);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, flusher.flush());
        clock.advance(Duration.ofSeconds(10));
        receive(2, ROOT);
        assertEquals(0, flusher.flush(), "a group that sent a digest waits for its next tick, not group_wait");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, flusher.flush());
        receive(1, ROOT);
        clock.advance(Duration.ofSeconds(50));
        assertEquals(1, flusher.flush(), "5m after the first digest");

        awaitReceived(2);
        assertTrue(slack.received.get(1).body().startsWith("[MEDIUM] 3 events of group"),
                "only the events since the last digest: " + slack.received.get(1).body());
        assertNotEquals(slack.received.get(0).idempotencyKey(), slack.received.get(1).idempotencyKey(),
                "one key per digest");
    }

    @Test
    void eachGroupKeyHasItsOwnDigest() throws Exception {
        receive(3, ROOT);
        receive(2, ALICE);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(2, flusher.flush());
        awaitReceived(2);
        List<String> heads = slack.received.stream().map(n -> n.body().lines().findFirst().orElseThrow()).sorted()
                .toList();
        assertEquals(List.of(
                "[MEDIUM] 2 events of group type=ConsoleLogin, detail.userIdentity.arn=" + ALICE
                        + " (route logins) from 2026-12-01T10:00:00Z to 2026-12-01T10:00:00Z:",
                "[MEDIUM] 3 events of group type=ConsoleLogin, detail.userIdentity.arn=" + ROOT
                        + " (route logins) from 2026-12-01T10:00:00Z to 2026-12-01T10:00:00Z:"), heads);
    }

    @Test
    void aQuietGroupIsKeptForRepeatIntervalThenANewEventWaitsGroupWaitAgain() throws Exception {
        receive(1, ROOT);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, flusher.flush());
        assertEquals(1L, (long) store.read(v -> v.groupCount()), "kept, quiet, after its digest");
        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertEquals(0, flusher.flush());
        assertEquals(1L, (long) store.read(v -> v.groupCount()));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, flusher.flush(), "closing a quiet group sends nothing");
        assertEquals(0L, (long) store.read(v -> v.groupCount()), "closed after repeat_interval (4h) without events");

        receive(1, ROOT);
        clock.advance(Duration.ofSeconds(29));
        assertEquals(0, flusher.flush(), "a new group waits group_wait again");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, flusher.flush());
        awaitReceived(2);
    }

    @Test
    void anEventAfterRepeatIntervalOpensANewGroupEvenBeforeTheFlusherClosedTheOldOne() throws Exception {
        table = routes(logins(Map.of("group_wait", "10s", "group_interval", "1m", "repeat_interval", "1h")));
        receive(1, ROOT);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, flusher.flush());
        clock.advance(Duration.ofHours(2));
        receive(1, ROOT);
        assertEquals(0, flusher.flush(), "the old group is replaced: the event waits group_wait");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(1, flusher.flush());
        awaitReceived(2);
    }

    @Test
    void aPendingDigestSurvivesARestartAndGoesOnce() throws Exception {
        receive(7, ROOT);
        close();
        start();
        assertEquals(0, flusher.flush());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, flusher.flush(), "the group and its events were kept by the store");
        ScriptedSink beforeRestart = slack;
        close();
        start();
        assertEquals(0, flusher.flush(), "the digest was enqueued once");
        // delivered before the restart or, waiting in the outbox over it, after
        Await.until("the digest was delivered", () -> store.read(v -> v.pending("slack")) == 0
                && beforeRestart.received.size() + slack.received.size() == 1);
        Notification n = (beforeRestart.received.isEmpty() ? slack : beforeRestart).received.get(0);
        assertTrue(n.body().startsWith("[MEDIUM] 7 events of group"), n.body());
        assertEquals("e1", n.event().id());
    }

    @Test
    void aRetriedDigestKeepsItsKeyAndItsEvents() throws Exception {
        close();
        start(DeliveryException.retryable("503 from the peer"));
        receive(12, ROOT);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, flusher.flush());
        // the clock moves once the failure is recorded: the retry is due 20 ms after it
        Await.until("the first attempt's failure is recorded", () -> outbox().stream().anyMatch(e -> e.attempts() == 1));
        clock.advance(Duration.ofSeconds(1));
        Await.until("retried", () -> slack.received.size() == 2);
        assertEquals(slack.received.get(0).idempotencyKey(), slack.received.get(1).idempotencyKey());
        assertEquals(slack.received.get(0).body(), slack.received.get(1).body());
    }

    @Test
    void aRouteWithoutGroupBySendsEachEventAtOnce() throws Exception {
        table = routes(route("each", "{\"source\": [\"cloudtrail\"]}", "slack"));
        receive(3, ROOT);
        assertEquals(0L, (long) store.read(v -> v.groupCount()));
        awaitReceived(3);
        assertEquals(List.of("e1", "e2", "e3"), slack.received.stream().map(n -> n.event().id()).sorted().toList(),
                "each event on its own, at once");
    }

    @Test
    void theFirstRouteThatNamesTheSinkDecidesWhetherTheEventIsGrouped() throws Exception {
        Map<String, Object> first = route("a-each", "{\"source\": [\"cloudtrail\"]}", "slack");
        table = routes(first, logins(Map.of()));
        receive(2, ROOT);
        assertEquals(0L, (long) store.read(v -> v.groupCount()), "a-each comes first by name and does not group");
        awaitReceived(2);

        Map<String, Object> grouping = logins(Map.of("priority", "10"));
        table = routes(first, grouping);
        receive(2, ROOT);
        assertEquals(List.of("logins", "a-each"), store.read(v -> v.groupsDue(Long.MAX_VALUE, 10)).get(0).routes(),
                "the grouping route comes first, carrying both");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, flusher.flush());
        awaitReceived(3);
        assertEquals("logins", slack.received.get(2).route());
        assertTrue(slack.received.get(2).body().startsWith("[MEDIUM] 2 events of group"), slack.received.get(2).body());
    }

}
