package dev.herald.api.admin;

import java.time.Instant;

/**
 * One delivery attempt.
 *
 * @param at      when it ended
 * @param sink    the sink
 * @param route   the route
 * @param eventId the event's id
 * @param attempt the attempt number
 * @param outcome {@code delivered}, {@code retry} or {@code dead}
 * @param detail  the failure reason, or null
 */
public record DeliveryView(Instant at, String sink, String route, String eventId, int attempt,
                           String outcome, String detail) {
}
