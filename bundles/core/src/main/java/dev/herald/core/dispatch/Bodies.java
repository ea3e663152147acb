package dev.herald.core.dispatch;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.core.route.Route;
import dev.herald.core.route.RouteDefinition;
import dev.herald.core.route.Routes;
import dev.herald.core.template.Rendering;
import dev.herald.core.template.TemplateException;
import dev.herald.core.template.TemplateRenderer;
import java.util.Map;
import java.util.Optional;

/** Renders what a sink receives for an event on a route, with the route's template override if any. */
public final class Bodies {
    private final Routes routes;
    private final TemplateRenderer renderer;

    public Bodies(Routes routes, TemplateRenderer renderer) {
        this.routes = routes;
        this.renderer = renderer;
    }

    /** The notification for one attempt. */
    Notification notification(Event event, String route, Severity severity, SinkHandle sink, int attempt)
            throws TemplateException {
        String key = IdempotencyKey.of(event.instance(), event.id(), route, sink.name());
        return new Notification(event, route, sink.name(), severity, render(event, route, severity, sink, key),
                attempt, key);
    }

    public String render(Event event, String route, Severity severity, SinkHandle sink, String idempotencyKey)
            throws TemplateException {
        Optional<RouteDefinition> definition = routes.table().route(route).map(Route::definition);
        String override = definition.map(d -> d.templates().get(sink.name())).orElse(null);
        return renderer.render(new Rendering(event, route, sink.name(), sink.kind(), sink.escape(),
                sink.templateSet(), sink.resources(), override, severity, idempotencyKey,
                definition.map(RouteDefinition::annotations).orElse(Map.of())));
    }
}
