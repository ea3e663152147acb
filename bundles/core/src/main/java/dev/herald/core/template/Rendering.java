package dev.herald.core.template;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What to render: one event for one sink, on the routes that sent it there.
 *
 * @param event          the event
 * @param route          the first route's name
 * @param sink           the sink's name
 * @param sinkKind       the sink's plugin kind ({@code slack}, …), or null when unknown
 * @param escape         the sink's body type
 * @param templateSet    the template set the sink's configuration selects ({@code cef}, …), or null
 * @param resources      the sink bundle's templates, or null
 * @param routeTemplate  the template override for this sink (relative path) of the first route that
 *                       names one, or null
 * @param severity       the effective severity
 * @param idempotencyKey the delivery's idempotency key, or null when {@code laterKey} works it out
 * @param routes         every route that sent the event to the sink, {@code route} first
 * @param annotations    the annotation templates of those routes by key, an earlier route's first
 *                       ({@code annotations.<key>} in templates)
 * @param group          the group a digest sends ({@code event} its first event), or null for one event
 * @param laterKey       works the idempotency key out when a template reads it, for a sink that reads
 *                       none itself (hashing one per delivery is a sixth of a syslog sink's work); null
 *                       when {@code idempotencyKey} is given
 */
public record Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                       SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey,
                       List<String> routes, Map<String, String> annotations, DigestGroup group,
                       Supplier<String> laterKey) {

    public Rendering {
        routes = routes == null || routes.isEmpty() ? List.of(route) : List.copyOf(routes);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** A rendering with its idempotency key known. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey,
                     List<String> routes, Map<String, String> annotations, DigestGroup group) {
        this(event, route, sink, sinkKind, escape, templateSet, resources, routeTemplate, severity, idempotencyKey,
                routes, annotations, group, null);
    }

    /** A rendering of one event. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey,
                     List<String> routes, Map<String, String> annotations) {
        this(event, route, sink, sinkKind, escape, templateSet, resources, routeTemplate, severity, idempotencyKey,
                routes, annotations, null);
    }

    /** A rendering for one route. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape, String templateSet,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey) {
        this(event, route, sink, sinkKind, escape, templateSet, resources, routeTemplate, severity, idempotencyKey,
                List.of(route), Map.of());
    }

    /** A rendering for one route and a sink without a template set. */
    public Rendering(Event event, String route, String sink, String sinkKind, Escape escape,
                     SinkResources resources, String routeTemplate, Severity severity, String idempotencyKey) {
        this(event, route, sink, sinkKind, escape, null, resources, routeTemplate, severity, idempotencyKey);
    }
}
