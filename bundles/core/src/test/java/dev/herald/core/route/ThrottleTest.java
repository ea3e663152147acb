package dev.herald.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.TestEvents;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static JsonNode envelope(String user) {
        return TestEvents.event("1", "json", "t", "{\"user\":{\"arn\":\"" + user + "\"}}").envelope();
    }

    @Test
    void parsesPeriods() {
        assertEquals(new ThrottleSpec(5, Duration.ofMinutes(10), null), ThrottleSpec.parse("5/10m", null));
        assertEquals(Duration.ofHours(1), ThrottleSpec.parse("100 / h", null).period());
        assertEquals(Duration.ofDays(2), ThrottleSpec.parse("1/2d", null).period());
        assertEquals(Duration.ofSeconds(30), ThrottleSpec.parse("3/30s", null).period());
        assertThrows(IllegalArgumentException.class, () -> ThrottleSpec.parse("0/1m", null));
        assertThrows(IllegalArgumentException.class, () -> ThrottleSpec.parse("5/10w", null));
    }

    @Test
    void limitsPerWindowAndKey() {
        Throttle t = new Throttle(ThrottleSpec.parse("2/1m", "detail.user.arn"));
        assertTrue(t.allow(envelope("ann"), 0, new Admissions()));
        assertTrue(t.allow(envelope("ann"), 1_000, new Admissions()));
        assertFalse(t.allow(envelope("ann"), 2_000, new Admissions()));
        assertTrue(t.allow(envelope("bob"), 2_000, new Admissions()), "each key has its own window");
        assertTrue(t.allow(envelope("ann"), 60_000, new Admissions()), "a new window after the period");
    }

    @Test
    void wholeRouteWithoutKeyAndStateSurvivesUnchangedRebuilds() {
        Map<String, Object> r = new LinkedHashMap<>(TestEvents.route("r", "{\"source\":[\"json\"]}", "s"));
        r.put("throttle", "1/1h");
        RouteTable first = TestEvents.routes(r);
        Route route = first.route("r").orElseThrow();
        assertTrue(route.admit(envelope("ann"), 0, new Admissions()));
        assertFalse(route.admit(envelope("bob"), 1, new Admissions()));
        RouteTable second = RouteTable.fromConfigurations(Map.of("pid", r), first);
        assertSame(route.throttle(), second.route("r").orElseThrow().throttle());
        assertFalse(second.route("r").orElseThrow().admit(envelope("ann"), 2, new Admissions()));
    }
}
