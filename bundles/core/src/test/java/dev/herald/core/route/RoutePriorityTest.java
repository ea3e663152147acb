package dev.herald.core.route;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of the routes an event matched: higher priority first, then by name. */
class RoutePriorityTest {
    private static Map<String, Object> any(String name, Object priority) {
        Map<String, Object> r = route(name, "{\"source\":[\"json\"]}", "s");
        if (priority != null) {
            r.put("priority", priority);
        }
        return r;
    }

    @Test
    void higherPriorityComesFirstThenTheName() {
        RouteTable t = routes(any("b", null), any("a", null), any("z", 10), any("y", "10"), any("last", -1),
                any("max", Integer.MAX_VALUE), any("min", Integer.MIN_VALUE));

        assertEquals(List.of("max", "y", "z", "a", "b", "last", "min"),
                t.match(t.input(event("1", "json", "t", "{}"))).stream().map(Route::name).toList());
    }

    @Test
    void aPriorityThatIsNoWholeNumberMakesTheRouteInvalidAndSaysWhatToWrite() {
        RouteDefinition d = RouteParser.parse("dev.herald.route~x", any("x", "high"));

        assertFalse(d.valid());
        assertEquals("priority 'high' is not a whole number: use e.g. 10 (higher comes first, default 0)", d.error());
    }

    @Test
    void withoutAPriorityItIsZero() {
        assertEquals(0, RouteParser.parse("dev.herald.route~x", any("x", null)).priority());
        assertEquals(0, RouteParser.parse("dev.herald.route~x", any("x", " ")).priority());
    }
}
