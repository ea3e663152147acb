package dev.herald.core.route;

import static dev.herald.core.TestEvents.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's {@code annotations.<key>} properties: read in key order, checked to compile when the route is read. */
class RouteAnnotationsTest {
    private static RouteDefinition parse(Map<String, Object> props) {
        return RouteParser.parse("dev.herald.route~r", props);
    }

    @Test
    void annotationsAreReadByKey() {
        Map<String, Object> props = route("root", "{\"source\":[\"cloudtrail\"]}", "slack");
        props.put("annotations.summary", "Root used {{ event.type }}");
        props.put("annotations.runbook", "https://wiki.example/runbooks/root");
        props.put("annotations.owner", "cloud-team");
        RouteDefinition d = parse(props);
        assertNull(d.error());
        assertEquals(Map.of("owner", "cloud-team", "runbook", "https://wiki.example/runbooks/root",
                "summary", "Root used {{ event.type }}"), d.annotations());
        assertEquals(java.util.List.of("owner", "runbook", "summary"), java.util.List.copyOf(d.annotations().keySet()));
    }

    @Test
    void aRouteWithoutAnnotationsHasNone() {
        assertEquals(Map.of(), parse(route("r", "{\"source\":[\"cloudtrail\"]}", "s")).annotations());
    }

    @Test
    void anAnnotationThatDoesNotCompileIsTheRoutesProblem() {
        Map<String, Object> props = route("r", "{\"source\":[\"cloudtrail\"]}", "s");
        props.put("annotations.summary", "Root used {{ event.type ");
        RouteDefinition d = parse(props);
        assertTrue(d.error().startsWith("annotations.summary is not a valid template (line 1): "), d.error());
        assertTrue(d.error().endsWith("fix its {{ }} or {% %} tags"), d.error());
    }

    @Test
    void anAnnotationKeyTemplatesCannotReadIsTheRoutesProblem() {
        Map<String, Object> props = route("r", "{\"source\":[\"cloudtrail\"]}", "s");
        props.put("annotations.runbook-url", "https://wiki.example");
        RouteDefinition d = parse(props);
        assertTrue(d.error().startsWith("annotation key 'runbook-url' is not a name"), d.error());
    }
}
