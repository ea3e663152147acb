package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Severity;

/** A valid, enabled route of a {@link RouteTable}, with its throttle state. */
public final class Route {
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
