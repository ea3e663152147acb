package dev.herald.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Route configurations as an operator may write them (any pattern, name, sinks, severity,
 * templates and throttle text) through {@link RouteParser} and {@link RouteTable}, then an event
 * matched and throttled against them. Nothing may throw: a bad route is a definition with an
 * error that says what to fix, and a valid one matches without failing whatever the event holds.
 */
class RouteParserFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The input is text: routes are blocks separated by a blank line, each line {@code key=value}
     * as in a {@code .cfg} file ({@code sinks} comma-separated); the line {@code event=…} gives
     * the detail of the event matched against them.
     */
    @FuzzTest(maxDuration = "30s")
    void anyRouteConfigurationIsReadWithoutThrowing(byte[] input) {
        Map<String, Map<String, ?>> byPid = new LinkedHashMap<>();
        String detail = "{}";
        for (String block : new String(input, StandardCharsets.UTF_8).split("\n\n")) {
            Map<String, Object> props = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                if (key.equals("event")) {
                    detail = line.substring(eq + 1);
                } else {
                    props.put(key, line.substring(eq + 1));
                }
            }
            byPid.put("dev.herald.route~" + byPid.size(), props);
        }

        RouteTable table = RouteTable.fromConfigurations(byPid, null);
        assertEquals(byPid.size(), table.definitions().size());
        for (RouteDefinition d : table.definitions()) {
            assertNotNull(d.name());
            assertFalse(d.error() != null && d.error().isBlank(), "an invalid route says why");
        }
        JsonNode envelope = table.input(event(detail));
        for (Route route : table.match(envelope)) {
            route.admit(envelope, 0, new Admissions());
        }
    }

    private static Event event(String detail) {
        JsonNode tree;
        try {
            tree = JSON.readTree(detail);
        } catch (Exception notJson) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            tree = JSON.createObjectNode().put("text", detail);
        }
        return Event.builder().id("id-1").source("cloudtrail").instance("fuzz").type("DeleteTrail")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW)
                .detail(tree).raw(detail).build();
    }
}
