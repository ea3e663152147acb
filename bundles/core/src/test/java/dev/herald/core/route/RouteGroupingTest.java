package dev.herald.core.route;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's group_by and its timers: parsed with Alertmanager's defaults, every mistake named. */
class RouteGroupingTest {

    private static RouteDefinition parse(Map<String, Object> extra) {
        Map<String, Object> p = route("r", "{\"source\":[\"cloudtrail\"]}", "slack");
        p.putAll(extra);
        return routes(p).definitions().get(0);
    }

    @Test
    void withoutGroupByARouteDoesNotGroup() {
        RouteDefinition d = parse(Map.of());
        assertTrue(d.valid());
        assertNull(d.group());
    }

    @Test
    void groupByAloneTakesAlertmanagersDefaults() {
        RouteDefinition d = parse(Map.of("group_by", "type, detail.userIdentity.arn"));
        assertTrue(d.valid(), d.error());
        assertEquals(new GroupSpec(List.of("type", "detail.userIdentity.arn"), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(4)), d.group());
    }

    @Test
    void timersAreRead() {
        RouteDefinition d = parse(Map.of("group_by", new String[] {"type"}, "group_wait", "0s",
                "group_interval", "10m", "repeat_interval", "1d"));
        assertTrue(d.valid(), d.error());
        assertEquals(new GroupSpec(List.of("type"), Duration.ZERO, Duration.ofMinutes(10), Duration.ofDays(1)),
                d.group());
    }

    @Test
    void badDurationsAreNamedWithTheFix() {
        RouteDefinition d = parse(Map.of("group_by", "type", "group_wait", "soon", "group_interval", "0s"));
        assertEquals("group_wait 'soon' is not a duration: write a number and a unit, e.g. 30s, 5m, 4h (units ms,"
                + " s, m, h, d); group_interval '0s' is too short: it must be at least 1s", d.error());
        assertNull(d.group(), "an invalid route groups nothing");
    }

    @Test
    void aBadDurationIsAnErrorEvenWithoutGroupBy() {
        assertEquals("repeat_interval '4 hours' is not a duration: write a number and a unit, e.g. 30s, 5m, 4h"
                + " (units ms, s, m, h, d)", parse(Map.of("repeat_interval", "4 hours")).error());
    }

    @Test
    void aRepeatIntervalShorterThanTheGroupIntervalIsRefused() {
        assertEquals("repeat_interval 1m is shorter than group_interval (default 5m): a group must stay open at"
                + " least until its next digest; set repeat_interval to at least group_interval",
                parse(Map.of("group_by", "type", "repeat_interval", "1m")).error());
    }

    @Test
    void pathsMustNameEnvelopeFields() {
        assertEquals("group_by path 'detail..arn' has an empty segment: write dotted field names such as"
                + " detail.userIdentity.arn", parse(Map.of("group_by", "detail..arn")).error());
        assertEquals("group_by path 'userIdentity.arn' does not start with an envelope field: start it with one of"
                + " id, source, instance, type, time, severity, detail, enrichment",
                parse(Map.of("group_by", "type, userIdentity.arn")).error());
    }

    @Test
    void theGroupKeyHoldsEachPathsValueAndCannotBeFakedByCommas() {
        RouteTable table = routes(Map.of("name", "r", "pattern", "{\"source\":[\"cloudtrail\"]}", "sinks", "s",
                "group_by", "type, detail.userIdentity.arn, detail.missing"));
        GroupSpec spec = table.definitions().get(0).group();
        Event e = event("e1", "cloudtrail", "ConsoleLogin", "{\"userIdentity\":{\"arn\":\"arn:aws:iam::1:root\"}}");
        GroupSpec.GroupKey key = spec.key(table.input(e));
        assertEquals("type=ConsoleLogin, detail.userIdentity.arn=arn:aws:iam::1:root, detail.missing=", key.text());
        assertEquals("[\"ConsoleLogin\",\"arn:aws:iam::1:root\",\"\"]", key.id());
        Event tricky = event("e2", "cloudtrail", "ConsoleLogin, detail.userIdentity.arn=arn:aws:iam::1:root",
                "{\"userIdentity\":{}}");
        assertNotEquals(key.id(), spec.key(table.input(tricky)).id());
    }
}
