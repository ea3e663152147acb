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
import java.util.function.Supplier;

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
        String key = key(event, sent.get(0), sink, replay, digestId, group);
        return new Notification(event, sent.get(0), sink.name(), severity,
                render(event, sent, severity, sink, key, null, group), attempt, key);
    }

    /**
     * The notification of an outbox entry ({@code seq} its sequence number). A sink that reads no
     * idempotency keys ({@link SinkHandle#idempotencyKeys()}) gets the entry's sequence number as
     * its key, which tells the notifications of a batch apart; the real key is hashed only when
     * its template reads {@code idempotencyKey}.
     */
    Notification notification(Event event, List<String> sent, Severity severity, SinkHandle sink, int attempt,
                              String replay, String digestId, DigestGroup group, long seq) throws TemplateException {
        if (sink.idempotencyKeys()) {
            return notification(event, sent, severity, sink, attempt, replay, digestId, group);
        }
        Supplier<String> later = () -> key(event, sent.get(0), sink, replay, digestId, group);
        return new Notification(event, sent.get(0), sink.name(), severity,
                render(event, sent, severity, sink, null, later, group), attempt, Long.toString(seq));
    }

    /** The delivery's idempotency key: the digest's for a digest, else the first route's. */
    private static String key(Event event, String route, SinkHandle sink, String replay, String digestId,
                              DigestGroup group) {
        return group != null ? IdempotencyKey.ofDigest(digestId, sink.name())
                : IdempotencyKey.of(replay, event.instance(), event.id(), route, sink.name());
    }

    public String render(Event event, String route, Severity severity, SinkHandle sink, String idempotencyKey)
            throws TemplateException {
        return render(event, List.of(route), severity, sink, idempotencyKey, null, null);
    }

    /** {@code idempotencyKey} the key, or null when {@code laterKey} works it out if the template reads it. */
    private String render(Event event, List<String> sent, Severity severity, SinkHandle sink, String idempotencyKey,
                          Supplier<String> laterKey, DigestGroup group) throws TemplateException {
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
                sink.templateSet(), sink.resources(), override, severity, idempotencyKey, sent, annotations, group,
                laterKey));
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
