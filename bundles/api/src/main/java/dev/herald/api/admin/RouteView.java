package dev.herald.api.admin;

import java.util.List;

/**
 * A route.
 *
 * @param name     its configured name
 * @param enabled  whether it is switched on
 * @param error    why its configuration is invalid (it then matches nothing), or null
 * @param pattern  its EventBridge pattern
 * @param sinks    the sinks it sends to
 * @param severity the severity it raises matched events to, or null
 * @param throttle its throttle ({@code N/period}), or null
 * @param counters its counters
 */
public record RouteView(String name, boolean enabled, String error, String pattern,
                        List<String> sinks, String severity, String throttle, Counters counters) {
}
