package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Severity;
import java.util.Comparator;

/** A valid, enabled route of a {@link RouteTable}, with its throttle state. */
public final class Route {
    /**
     * The order of the routes an event matched, which decides the first of them a sink's one
     * notification names: higher priority first, then by name (names are unique in a table).
     */
    public static final Comparator<Route> ORDER = Comparator
            .comparing((Route r) -> r.definition.priority(), Comparator.reverseOrder()).thenComparing(Route::name);

    private final RouteDefinition definition;
    private final Throttle throttle;

    Route(RouteDefinition definition, Throttle throttle) {
        this.definition = definition;
        this.throttle = throttle;
    }

    public RouteDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    /**
     * Whether admitting or grouping an event reads its {@link RouteTable#input envelope}: only a
     * route with a throttle or a group does, so the envelope is built only for those.
     */
    public boolean readsEnvelope() {
        return throttle != null || definition.group() != null;
    }

    /** The event's severity, raised to the route's. */
    public Severity effectiveSeverity(Severity eventSeverity) {
        return eventSeverity.atLeast(definition.severity());
    }

    /**
     * Whether the throttle lets this event through (and counts it, noting the count in
     * {@code admissions} so that a failed commit can take it back); always true without one.
     */
    public boolean admit(JsonNode envelope, long now, Admissions admissions) {
        return throttle == null || throttle.allow(envelope, now, admissions);
    }

    Throttle throttle() {
        return throttle;
    }
}
