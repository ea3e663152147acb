package dev.herald.core.journal;

import static dev.herald.core.TestEvents.json;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.Sink;
import dev.herald.core.ScriptedSink;
import dev.herald.api.admin.Counters;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.IdempotencyKey;
import dev.herald.core.dispatch.SinkHandle;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event that several routes send to one sink reaches it once, carrying all of them; journal,
 * store, dispatcher and template renderer are the real ones, the sinks record what they get.
 */
class OneNotificationPerSinkTest {
    @TempDir
    Path dir;
    MvStore store;
    volatile RouteTable table = RouteTable.empty();
    JournalService journal;
    Dispatcher dispatcher;

    @BeforeEach
    void open() throws Exception {
        CoreSettings d = TestSettings.defaults(dir);
        // three attempts, 20 ms apart: a retry comes soon
        CoreSettings settings = new CoreSettings(dir, false, d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), 3, Duration.ofHours(1),
                Duration.ofMillis(20), Duration.ofMillis(20), dir.resolve("templates"), d.deadLetterMaxPerSink(),
                d.eventRetention(), d.eventRetentionBytes());
        Files.createDirectories(dir.resolve("templates"));
        store = MvStore.open(settings);
        journal = new JournalService(store, () -> table, new SourceProblems());
        dispatcher = new Dispatcher(settings, store, new Bodies(() -> table, new TemplateRenderer(dir.resolve("templates"))));
        dispatcher.activate();
    }

    @AfterEach
    void close() {
        dispatcher.deactivate();
        store.close();
    }

    /** The demo's root console login: CloudTrail rates it high, and both demo routes name the console. */
    private static Event rootConsoleLogin(String id) {
        String detail = "{\"eventName\":\"ConsoleLogin\",\"userIdentity\":{\"type\":\"Root\"}}";
        return Event.builder().id(id).source("cloudtrail").instance("trail").type("AwsConsoleSignIn")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.HIGH).detail(json(detail))
                .raw(detail).build();
    }

    /** The demo's two routes, as karaf-assembly's etc/ configures them. */
    private static RouteTable demoRoutes() {
        Map<String, Object> root = route("demo-cloudtrail-root",
                "{\"source\": [\"cloudtrail\"], \"detail\": {\"userIdentity\": {\"type\": [\"Root\"]}}}", "console");
        root.put("severity", "critical");
        Map<String, Object> high = route("demo-high-severity", "{\"severity\": [\"high\", \"critical\"]}", "console");
        return routes(root, high);
    }

    private ScriptedSink sink(String name, String kind, DeliveryException... script) {
        ScriptedSink s = new ScriptedSink(script);
        dispatcher.addSink(new SinkHandle(name, kind, Escape.NONE, null, 0, s, null, new Object()));
        return s;
    }

    private Counters counters(Counter.Scope scope, String name) {
        return store.read(v -> v.counters(scope, name));
    }

    /** Waits until the sink has had {@code n} deliveries, then until nothing is left for it. */
    private void awaitDelivered(String sink, long n) {
        Await.until(sink + " delivered " + n, () -> counters(Counter.Scope.SINK, sink).delivered() == n);
        assertEquals(0L, (long) store.read(v -> v.pending(sink)), "nothing else waits for " + sink);
    }

    @Test
    void theDemosRootConsoleLoginIsPrintedOnce() throws Exception {
        table = demoRoutes();
        ScriptedSink console = sink("console", "log");

        journal.append("trail", List.of(rootConsoleLogin("e1")), null);

        awaitDelivered("console", 1);
        assertEquals(1, console.received.size());
        Notification n = console.received.get(0);
        assertEquals("demo-cloudtrail-root", n.route(), "equal priorities: the first by name");
        assertEquals(Severity.CRITICAL, n.severity(), "the root route raises it to critical");
        assertEquals(1, counters(Counter.Scope.ROUTE, "demo-cloudtrail-root").routed());
        assertEquals(1, counters(Counter.Scope.ROUTE, "demo-high-severity").routed());
    }

    @Test
    void twoRoutesNamingOneSlackSinkPostOnceWithAllRoutesTheHighestSeverityAndTheFirstTemplate() throws Exception {
        Files.writeString(dir.resolve("templates/low.peb"),
                "low template: {{ route }} of {{ routes | join(\",\") }} at {{ severity }}");
        Files.writeString(dir.resolve("templates/other.peb"), "other template");
        Map<String, Object> first = route("page-oncall", "{\"source\": [\"cloudtrail\"]}", "slack", "mail");
        first.put("priority", "10");
        Map<String, Object> low = route("a-low", "{\"source\": [\"cloudtrail\"]}", "slack");
        low.put("templates", new String[] {"slack=low.peb"});
        Map<String, Object> critical = route("b-critical", "{\"detail\": {\"eventName\": [\"ConsoleLogin\"]}}", "slack");
        critical.put("severity", "critical");
        critical.put("templates", new String[] {"slack=other.peb"});
        table = routes(low, critical, first);
        ScriptedSink slack = sink("slack", "slack");
        ScriptedSink mail = sink("mail", "mail");

        journal.append("trail", List.of(rootConsoleLogin("e1")), null);

        awaitDelivered("slack", 1);
        awaitDelivered("mail", 1);
        Notification post = slack.received.get(0);
        assertEquals("page-oncall", post.route(), "the highest priority comes first");
        assertEquals(Severity.CRITICAL, post.severity(), "the highest severity any of them gives");
        assertEquals("low template: page-oncall of page-oncall,a-low,b-critical at critical", post.body(),
                "the template of the first route (priority, then name) that names one for the sink");
        assertEquals("page-oncall", mail.received.get(0).route());
        assertEquals(Severity.HIGH, mail.received.get(0).severity(), "only page-oncall sends it to mail");
        for (String r : List.of("page-oncall", "a-low", "b-critical")) {
            assertEquals(1, counters(Counter.Scope.ROUTE, r).routed(), r + " counts its own routing");
        }
    }

    @Test
    void aThrottledRouteIsLeftOutAndCountersStayPerRoute() throws Exception {
        Map<String, Object> limited = route("limited", "{\"source\": [\"cloudtrail\"]}", "slack");
        limited.put("throttle", "1/1h");
        Map<String, Object> always = route("always", "{\"source\": [\"cloudtrail\"]}", "slack");
        table = routes(limited, always);

        journal.append("trail", List.of(rootConsoleLogin("e1"), rootConsoleLogin("e2")), null);

        List<OutboxEntry> entries = store.read(v -> v.due("slack", Long.MAX_VALUE, 10));
        assertEquals(List.of(List.of("always", "limited"), List.of("always")),
                entries.stream().map(OutboxEntry::routes).toList(), "one entry per event, without the throttled route");
        Counters l = counters(Counter.Scope.ROUTE, "limited");
        assertEquals(List.of(1L, 1L), List.of(l.routed(), l.throttled()));
        Counters a = counters(Counter.Scope.ROUTE, "always");
        assertEquals(List.of(2L, 0L), List.of(a.routed(), a.throttled()));
    }

    @Test
    void theIdempotencyKeyIsTheFirstRoutesAndSurvivesRetriesAndARouteChange() throws Exception {
        table = demoRoutes();
        ScriptedSink slack = sink("console", "log", DeliveryException.retryable("503 from the peer"));
        String asBefore = IdempotencyKey.of("trail", "e1", "demo-cloudtrail-root", "console");

        journal.append("trail", List.of(rootConsoleLogin("e1")), null);
        Await.until("the first attempt failed", () -> slack.received.size() == 1);
        // while the entry waits for its retry, a route change would put the other route first
        Map<String, Object> high = route("demo-high-severity", "{\"severity\": [\"high\", \"critical\"]}", "console");
        high.put("priority", "5");
        table = routes(high);

        awaitDelivered("console", 1);
        assertEquals(List.of(asBefore, asBefore), slack.received.stream().map(Notification::idempotencyKey).toList(),
                "the key of a delivery on its first route alone, the same on every attempt");
        assertEquals(List.of("demo-cloudtrail-root", "demo-cloudtrail-root"),
                slack.received.stream().map(Notification::route).toList(), "the route stored with the entry");
    }

}
