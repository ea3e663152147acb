package dev.herald.core.store;

/**
 * A delivery Herald gave up on.
 *
 * @param id       its number
 * @param entry    the outbox entry as it was at its last attempt (attempts counts that attempt)
 * @param reason   the last failure's reason
 * @param deadAt   when it was given up (epoch millis)
 */
public record DeadLetter(long id, OutboxEntry entry, String reason, long deadAt) {
}
