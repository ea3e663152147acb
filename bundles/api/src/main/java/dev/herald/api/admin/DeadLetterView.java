package dev.herald.api.admin;

import java.time.Instant;

/**
 * A delivery Herald gave up on.
 *
 * @param id        its number in the dead-letter store
 * @param sink      the sink
 * @param route     the route
 * @param eventId   the event's id
 * @param eventType the event's type
 * @param attempts  how many attempts were made
 * @param firstTry  when it was first tried
 * @param deadAt    when it was given up
 * @param reason    the last failure's reason
 */
public record DeadLetterView(long id, String sink, String route, String eventId, String eventType,
                             int attempts, Instant firstTry, Instant deadAt, String reason) {
}
