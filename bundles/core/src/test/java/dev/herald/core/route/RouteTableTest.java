package dev.herald.core.route;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static List<String> matches(RouteTable table, Event e) {
        return table.match(table.input(e)).stream().map(Route::name).toList();
    }

    private static Event trail(String name, String arn, int code) {
        return event("id-" + name, "cloudtrail", name, "{\"eventName\":\"" + name + "\",\"userIdentity\":{\"arn\":\""
                + arn + "\"},\"status\":" + code + ",\"tags\":[{\"k\":\"env\",\"v\":\"prod\"},{\"k\":\"team\",\"v\":\"sec\"}]}");
    }

    @Test
    void matchesEventBridgePatternsOnTheEnvelope() {
        RouteTable t = routes(
                route("deletes", "{\"source\":[\"cloudtrail\"],\"detail\":{\"eventName\":[{\"prefix\":\"Delete\"}]}}", "s"),
                route("not-root", "{\"detail\":{\"userIdentity\":{\"arn\":[{\"anything-but\":{\"suffix\":\":root\"}}]}}}", "s"),
                route("errors", "{\"detail\":{\"status\":[{\"numeric\":[\">=\",500,\"<\",600]}]}}", "s"),
                route("has-arn", "{\"detail\":{\"userIdentity\":{\"arn\":[{\"exists\":true}]}}}", "s"),
                route("no-error-code", "{\"detail\":{\"errorCode\":[{\"exists\":false}]}}", "s"),
                route("by-severity", "{\"severity\":[\"low\"],\"type\":[\"DeleteBucket\"]}", "s"),
                route("prod-env", "{\"detail\":{\"tags\":{\"k\":[\"env\"],\"v\":[\"prod\"]}}}", "s"),
                route("inconsistent", "{\"detail\":{\"tags\":{\"k\":[\"env\"],\"v\":[\"sec\"]}}}", "s"));
        assertEquals(List.of("by-severity", "deletes", "has-arn", "no-error-code", "prod-env"),
                matches(t, trail("DeleteBucket", "arn:aws:iam::1:root", 200)));
        assertEquals(List.of("errors", "has-arn", "no-error-code", "not-root", "prod-env"),
                matches(t, trail("PutObject", "arn:aws:iam::1:user/ann", 503)));
    }

    @Test
    void invalidRoutesAreKeptWithErrorsAndDisturbNothing() {
        Map<String, Object> badSeverity = route("bad-sev", "{\"source\":[\"json\"]}", "s");
        badSeverity.put("severity", "urgent");
        Map<String, Object> badThrottle = route("bad-throttle", "{\"source\":[\"json\"]}", "s");
        badThrottle.put("throttle", "five per minute");
        Map<String, Object> noSinks = route("no-sinks", "{\"source\":[\"json\"]}");
        Map<String, Object> disabled = route("off", "{\"source\":[\"json\"]}", "s");
        disabled.put("enabled", "false");
        RouteTable t = routes(route("good", "{\"source\":[\"json\"]}", "s"),
                route("bad-json", "{\"source\":", "s"), route("bad-op", "{\"source\":[{\"bogus\":1}]}", "s"),
                route("not-object", "[1]", "s"), badSeverity, badThrottle, noSinks, disabled,
                route("good", "{\"source\":[\"other\"]}", "s"));
        assertEquals(List.of("good"), matches(t, event("1", "json", "t", "{}")));
        Map<String, String> errors = new java.util.HashMap<>();
        t.definitions().forEach(d -> errors.put(d.name() + (d.valid() ? "" : "!"), d.error()));
        assertTrue(errors.get("bad-json!").startsWith("pattern is not valid JSON"));
        assertTrue(errors.get("bad-op!").startsWith("pattern is not a valid event pattern"), errors.get("bad-op!"));
        assertTrue(errors.get("not-object!").startsWith("pattern must be a JSON object"));
        assertTrue(errors.get("bad-sev!").contains("severity 'urgent' is unknown"));
        assertTrue(errors.get("bad-throttle!").contains("is not N/period"));
        assertTrue(errors.get("no-sinks!").contains("sinks is missing"));
        assertTrue(errors.get("good!").contains("is already named 'good'"));
        assertNull(errors.get("off"));
        assertEquals(10 - 1, t.definitions().size(), "every configuration is listed");
    }

    @Test
    void routeRaisesSeverityAndParsesLists() {
        Map<String, Object> r = route("r", "{\"source\":[\"json\"]}");
        r.put("sinks", "slack, mail");
        r.put("severity", "critical");
        r.put("templates", new String[] {"slack=slack/special.peb"});
        RouteDefinition d = routes(r).definitions().get(0);
        assertEquals(List.of("slack", "mail"), d.sinks());
        assertEquals(Map.of("slack", "slack/special.peb"), d.templates());
        Route route = routes(r).route("r").orElseThrow();
        assertEquals(Severity.CRITICAL, route.effectiveSeverity(Severity.LOW));
        Map<String, Object> escape = route("x", "{\"source\":[\"json\"]}", "s");
        escape.put("templates", new String[] {"s=../../etc/passwd"});
        assertTrue(routes(escape).definitions().get(0).error().contains("must name a file under"));
    }

    /** Found by RouteParserFuzzTest: Path.of threw InvalidPathException out of the parser, so no route was read. */
    @Test
    void aTemplatePathNoFileCanHaveIsTheRoutesErrorAndTheOtherRoutesStay() {
        Map<String, Object> nul = route("nul", "{\"source\":[\"json\"]}", "s");
        nul.put("templates", new String[] {"s=custom/a\u0000.peb"});
        RouteTable t = routes(nul, route("ok", "{\"source\":[\"json\"]}", "s"));
        assertTrue(t.definitions().get(0).error().contains("is not a file name"), t.definitions().get(0).error());
        assertTrue(t.route("ok").isPresent());
    }

    @Test
    void inputHoldsOnlyReferencedFieldsWithArraysKept() {
        Map<String, Object> limited = route("b", "{\"detail\":{\"tags\":{\"k\":[\"env\"]}}}", "s");
        limited.put("throttle", "1/1m");
        limited.put("throttle_key", "detail.userIdentity.arn");
        RouteTable t = routes(route("a", "{\"$or\":[{\"type\":[\"X\"]},{\"severity\":[\"low\"]}]}", "s"), limited);
        assertEquals("{\"type\":\"DeleteBucket\",\"severity\":\"low\",\"detail\":{\"tags\":[{\"k\":\"env\"},"
                + "{\"k\":\"team\"}],\"userIdentity\":{\"arn\":\"arn:x\"}}}",
                t.input(trail("DeleteBucket", "arn:x", 1)).toString());
    }

    @Test
    void matchingIsThreadSafe() throws Exception {
        RouteTable t = routes(route("a", "{\"detail\":{\"n\":[{\"numeric\":[\">\",10]}]}}", "s"));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 4; i++) {
            Thread th = new Thread(() -> {
                for (int n = 0; n < 2000; n++) {
                    boolean expected = n % 20 > 10;
                    if (matches(t, event("e" + n, "json", "t", "{\"n\":" + (n % 20) + "}")).contains("a") != expected) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, wrong.get());
    }

    /** The envelope is built for an event only when a route it matched throttles or groups on it. */
    @Test
    void onlyRoutesThatThrottleOrGroupReadTheEnvelope() {
        Map<String, Object> throttled = route("throttled", "{\"source\":[\"json\"]}", "s");
        throttled.put("throttle", "1/1h");
        Map<String, Object> grouped = route("grouped", "{\"source\":[\"json\"]}", "s");
        grouped.put("group_by", "detail.user");
        RouteTable t = routes(route("plain", "{\"source\":[\"json\"]}", "s"), throttled, grouped);
        assertEquals(false, t.route("plain").orElseThrow().readsEnvelope());
        assertTrue(t.route("throttled").orElseThrow().readsEnvelope());
        assertTrue(t.route("grouped").orElseThrow().readsEnvelope());
    }
}
