package dev.herald.core.dispatch;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.core.route.Route;
import dev.herald.core.route.RouteTable;
import dev.herald.core.route.Routes;
import dev.herald.core.template.Rendering;
import dev.herald.core.template.TemplateException;
import dev.herald.core.template.TemplateRenderer;

/** Renders what a sink receives for an event on a route, with the route's template override if any. */
public final class Bodies {
    private final Routes routes;
    private final TemplateRenderer renderer;

    public Bodies(Routes routes, TemplateRenderer renderer) {
        this.routes = routes;
        this.renderer = renderer;
    }

    /** The notification for one attempt; {@code replay} the id of the replay that asked for it, or null. */
    Notification notification(Event event, String route, Severity severity, SinkHandle sink, int attempt,
                              String replay) throws TemplateException {
        String key = IdempotencyKey.of(replay, event.instance(), event.id(), route, sink.name());
        return new Notification(event, route, sink.name(), severity, render(event, route, severity, sink, key),
                attempt, key);
    }

    public String render(Event event, String route, Severity severity, SinkHandle sink, String idempotencyKey)
            throws TemplateException {
        // a replay may deliver for a disabled route, which only the definitions have
        RouteTable table = routes.table();
        String override = table.route(route).map(Route::definition)
                .or(() -> table.definitions().stream().filter(d -> d.valid() && d.name().equals(route)).findFirst())
                .map(d -> d.templates().get(sink.name())).orElse(null);
        return renderer.render(new Rendering(event, route, sink.name(), sink.kind(), sink.escape(),
                sink.templateSet(), sink.resources(), override, severity, idempotencyKey));
    }
}
