package dev.herald.api.admin;

import java.util.List;

/**
 * A route that matched a test event, with what each of its sinks would receive.
 *
 * @param route    the route
 * @param severity the effective severity
 * @param bodies   one rendering per sink of the route
 */
public record RouteMatch(String route, String severity, List<Rendered> bodies) {

    /**
     * @param sink  the sink's name
     * @param body  the rendered body, or null when rendering failed
     * @param error why rendering failed (or that the sink is absent), or null
     */
    public record Rendered(String sink, String body, String error) {
    }
}
