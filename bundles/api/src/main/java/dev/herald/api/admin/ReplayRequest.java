package dev.herald.api.admin;

import java.time.Instant;
import java.util.List;

/**
 * Which retained events a replay evaluates against which route, and where it delivers them.
 *
 * @param since  the first instant of the range (events received at or after it)
 * @param until  the end of the range (events received before it); null for now
 * @param source only events of this source instance, or null for all
 * @param type   only events of this type, or null for all
 * @param id     only the event with this id, or null for all
 * @param route  the route whose definition the events are matched against; it may be disabled
 * @param sinks  only these of the route's sinks, or empty for all of them
 * @param send   whether to deliver; false for a dry run that only counts
 */
public record ReplayRequest(Instant since, Instant until, String source, String type, String id, String route,
                            List<String> sinks, boolean send) {
    public ReplayRequest {
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
    }
}
