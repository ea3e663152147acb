package dev.herald.core.dispatch;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.core.route.Route;
import dev.herald.core.route.RouteDefinition;
import dev.herald.core.route.RouteTable;
import dev.herald.core.route.Routes;
import dev.herald.core.template.DigestGroup;
import dev.herald.core.template.Rendering;
import dev.herald.core.template.TemplateException;
import dev.herald.core.template.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what a sink receives for an event on the routes that sent it there, with the template
 * override of the first of them that names one for the sink.
 */
public final class Bodies {
    private final Routes routes;
    private final TemplateRenderer renderer;

    public Bodies(Routes routes, TemplateRenderer renderer) {
        this.routes = routes;
        this.renderer = renderer;
    }

    /** The notification for one attempt on one route; {@code replay} the id of the replay that asked for it, or null. */
    Notification notification(Event event, String route, Severity severity, SinkHandle sink, int attempt,
                              String replay) throws TemplateException {
        return notification(event, List.of(route), severity, sink, attempt, replay);
    }

    /**
     * The notification for one attempt on {@code sent} (in route order). Its route and idempotency
     * key are the first route's, as for a delivery on that route alone: an event one route sends
     * keeps the key it always had; a replay's keys are scoped to it.
     */
    Notification notification(Event event, List<String> sent, Severity severity, SinkHandle sink, int attempt,
                              String replay) throws TemplateException {
        return notification(event, sent, severity, sink, attempt, replay, null, null);
    }

    /**
     * As {@link #notification(Event, List, Severity, SinkHandle, int, String)}; for a digest ({@code
     * group} not null, {@code event} its first event) the key is the digest's ({@code digestId}).
     */
    Notification notification(Event event, List<String> sent, Severity severity, SinkHandle sink, int attempt,
                              String replay, String digestId, DigestGroup group) throws TemplateException {
        String route = sent.get(0);
        String key = group != null ? IdempotencyKey.ofDigest(digestId, sink.name())
                : IdempotencyKey.of(replay, event.instance(), event.id(), route, sink.name());
        return new Notification(event, route, sink.name(), severity, render(event, sent, severity, sink, key, group),
                attempt, key);
    }

    public String render(Event event, String route, Severity severity, SinkHandle sink, String idempotencyKey)
            throws TemplateException {
        return render(event, List.of(route), severity, sink, idempotencyKey, null);
    }

    private String render(Event event, List<String> sent, Severity severity, SinkHandle sink, String idempotencyKey,
                          DigestGroup group) throws TemplateException {
        RouteTable table = routes.table();
        String override = null;
        // an annotation of an earlier route wins over a later route's of the same key
        Map<String, String> annotations = new LinkedHashMap<>();
        for (String route : sent) {
            RouteDefinition d = definition(table, route);
            if (d != null) {
                override = override != null ? override : d.templates().get(sink.name());
                d.annotations().forEach(annotations::putIfAbsent);
            }
        }
        return renderer.render(new Rendering(event, sent.get(0), sink.name(), sink.kind(), sink.escape(),
                sink.templateSet(), sink.resources(), override, severity, idempotencyKey, sent, annotations, group));
    }

    /**
     * The route's definition: the live route's, or for a replay of a disabled route, its
     * configuration's; null when there is neither. Plain loops: this runs for every delivery.
     */
    private static RouteDefinition definition(RouteTable table, String route) {
        Optional<Route> live = table.route(route);
        if (live.isPresent()) {
            return live.get().definition();
        }
        for (RouteDefinition d : table.definitions()) {
            if (d.valid() && d.name().equals(route)) {
                return d;
            }
        }
        return null;
    }
}
