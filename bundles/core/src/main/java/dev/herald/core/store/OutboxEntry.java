package dev.herald.core.store;

import dev.herald.api.Event;
import dev.herald.api.Severity;

/**
 * One pending delivery: an event on a route for a sink. It carries its own copy of the event so
 * that it depends on no other part of the store.
 *
 * @param seq        unique, increasing with creation: orders entries that are due together
 * @param due        when it may be tried (epoch millis)
 * @param sink       the sink's name
 * @param route      the route's name
 * @param severity   the effective severity
 * @param attempts   attempts made so far
 * @param enqueuedAt when it entered the outbox (epoch millis)
 * @param firstTryAt when it was first tried (epoch millis), 0 before
 * @param lastError  the reason of the last failed attempt, or null
 * @param event      the serialized event ({@link EventCodec})
 */
public record OutboxEntry(long seq, long due, String sink, String route, Severity severity, int attempts,
                          long enqueuedAt, long firstTryAt, String lastError, byte[] event) {

    /** A new entry, due at once. */
    public static OutboxEntry create(long seq, long now, String sink, String route, Severity severity, byte[] event) {
        return new OutboxEntry(seq, now, sink, route, severity, 0, now, 0, null, event);
    }

    /** This entry after a failed attempt at {@code now}, to be tried again at {@code nextDue}. */
    public OutboxEntry retryAt(long nextDue, long now, String reason) {
        return new OutboxEntry(seq, nextDue, sink, route, severity, attempts + 1, enqueuedAt,
                firstTryAt == 0 ? now : firstTryAt, reason, event);
    }

    /** This entry as if new again (from a dead letter), due at {@code now}. */
    public OutboxEntry restart(long newSeq, long now) {
        return new OutboxEntry(newSeq, now, sink, route, severity, 0, now, 0, null, event);
    }

    /** The attempt number of the next try. */
    public int nextAttempt() {
        return attempts + 1;
    }

    public Event decodeEvent() {
        return EventCodec.decode(event);
    }
}
