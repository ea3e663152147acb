package dev.herald.core.route;

import dev.herald.api.Severity;
import java.util.List;
import java.util.Map;

/**
 * A route as configured. An invalid one keeps its {@code error} and matches nothing.
 *
 * @param pid          the configuration's PID
 * @param name         the route's name (the PID when the name is missing)
 * @param enabled      whether it is switched on
 * @param pattern      the EventBridge pattern text
 * @param sinks        the sinks it sends to
 * @param severity     the severity it raises events to, or null
 * @param templates    template overrides: sink name to a path under the templates directory
 * @param throttleText the throttle as written, or null
 * @param throttle     the parsed throttle, or null
 * @param priority     orders the routes an event matched: higher first, then by name
 * @param error        why the configuration is invalid, or null
 * @param annotations  the {@code annotations.<key>} templates (runbook, summary, owner, …), by key
 * @param group        how it groups events into digests, or null: it sends every event on its own
 */
public record RouteDefinition(String pid, String name, boolean enabled, String pattern, List<String> sinks,
                              Severity severity, Map<String, String> templates, String throttleText,
                              ThrottleSpec throttle, int priority, String error,
                              Map<String, String> annotations, GroupSpec group) {

    public boolean valid() {
        return error == null;
    }

    /** This definition, marked invalid with {@code reason}. */
    RouteDefinition invalid(String reason) {
        return new RouteDefinition(pid, name, enabled, pattern, sinks, severity, templates, throttleText,
                throttle, priority, error == null ? reason : error + "; " + reason, annotations, group);
    }
}
