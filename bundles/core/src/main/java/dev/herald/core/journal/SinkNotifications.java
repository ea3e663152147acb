package dev.herald.core.journal;

import dev.herald.api.Severity;
import dev.herald.core.route.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one notification per sink of one event: however many of the routes it matched name a sink,
 * the sink is sent the event once, carrying every one of those routes (in the order they were
 * added, {@link Route#ORDER}) and the highest severity they give it.
 */
final class SinkNotifications {
    private final Map<String, Notice> bySink = new LinkedHashMap<>();

    /** Adds a route that let the event through, with the severity it gives the event. */
    void add(Route route, Severity severity) {
        for (String sink : route.definition().sinks()) {
            Notice n = bySink.computeIfAbsent(sink, s -> new Notice());
            if (n.leader == null) {
                n.leader = route;
            }
            if (!n.routes.contains(route.name())) {
                n.routes.add(route.name());
            }
            n.severity = severity.atLeast(n.severity);
        }
    }

    boolean isEmpty() {
        return bySink.isEmpty();
    }

    /** Calls {@code to} once per sink, in the order the sinks were first named. */
    void forEach(Recipient to) {
        bySink.forEach((sink, n) -> to.notify(sink, List.copyOf(n.routes), n.severity));
    }

    /** Receives one sink's notification. */
    @FunctionalInterface
    interface Recipient {
        void notify(String sink, List<String> routes, Severity severity);
    }

    /** The first route added that names the sink. */
    Route leader(String sink) {
        return bySink.get(sink).leader;
    }

    private static final class Notice {
        private final List<String> routes = new ArrayList<>(2);
        private Route leader;
        private Severity severity;
    }
}
