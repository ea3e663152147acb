package dev.herald.core.template;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.Map;

/**
 * What to render: one event on one route for one sink.
 *
 * @param event          the event
 * @param route          the route's name
 * @param sink           the sink's name
 * @param sinkKind       the sink's plugin kind ({@code slack}, …), or null when unknown
 * @param escape         the sink's body type
 * @param templateSet    the template set the sink's configuration selects ({@code cef}, …), or null
 * @param resources      the sink bundle's templates, or null
 * @param routeTemplate  the route's template override for this sink (relative path), or null
 * @param severity       the effective severity
 * @param idempotencyKey the delivery's idempotency key
 * @param annotations    the route's annotation templates by key ({@code annotations.<key>} in templates)
 */
public record Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                       SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey,
                       Map<String, String> annotations) {

    /** A rendering for a route without annotations. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey) {
        this(event, route, sink, sinkKind, escape, templateSet, resources, routeTemplate, severity, idempotencyKey,
                Map.of());
    }

    /** A rendering for a sink without a template set. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey) {
        this(event, route, sink, sinkKind, escape, null, resources, routeTemplate, severity, idempotencyKey);
    }
}
