package dev.herald.api.admin;

import dev.herald.api.Event;
import java.time.Instant;
import java.util.List;

/**
 * A received event.
 *
 * @param event    the event as committed
 * @param received when the journal committed it
 * @param routes   the routes it matched
 */
public record EventView(Event event, Instant received, List<String> routes) {
}
