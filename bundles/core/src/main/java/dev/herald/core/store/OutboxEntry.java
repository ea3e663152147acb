package dev.herald.core.store;

import dev.herald.api.Event;
import dev.herald.api.Severity;

/**
 * One pending delivery: an event on a route for a sink. The store keeps the event once, in its
 * event log, and the entry refers to it by key; reads of the store give the entry with the event.
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
 * @param eventKey   the event's key in the event log ({@link RetainedEvent#key()})
 * @param event      the serialized event ({@link EventCodec}) as read with the entry; null when
 *                   the entry was not read from the store, or the log no longer has the event
 * @param replay     the id of the replay that created it, which scopes its idempotency key; null
 *                   for an entry of normal traffic
 */
public record OutboxEntry(long seq, long due, String sink, String route, Severity severity, int attempts,
                          long enqueuedAt, long firstTryAt, String lastError, long eventKey, byte[] event,
                          String replay) {

    /** A new entry, due at once; {@code replay} null for normal traffic. */
    public static OutboxEntry create(long seq, long now, String sink, String route, Severity severity,
                                     long eventKey, String replay) {
        return new OutboxEntry(seq, now, sink, route, severity, 0, now, 0, null, eventKey, null, replay);
    }

    /** This entry after a failed attempt at {@code now}, to be tried again at {@code nextDue}. */
    public OutboxEntry retryAt(long nextDue, long now, String reason) {
        return new OutboxEntry(seq, nextDue, sink, route, severity, attempts + 1, enqueuedAt,
                firstTryAt == 0 ? now : firstTryAt, reason, eventKey, event, replay);
    }

    /** This entry as if new again (from a dead letter), due at {@code now}. */
    public OutboxEntry restart(long newSeq, long now) {
        return new OutboxEntry(newSeq, now, sink, route, severity, 0, now, 0, null, eventKey, event, replay);
    }

    /** This entry with its event as read from the log. */
    OutboxEntry withEvent(byte[] serialized) {
        return new OutboxEntry(seq, due, sink, route, severity, attempts, enqueuedAt, firstTryAt, lastError,
                eventKey, serialized, replay);
    }

    /** The attempt number of the next try. */
    public int nextAttempt() {
        return attempts + 1;
    }

    /** The event; throws when it cannot be read, or the event log no longer has it. */
    public Event decodeEvent() {
        if (event == null) {
            throw new IllegalStateException("event " + eventKey + " of outbox entry " + seq
                    + " is not in the event log");
        }
        return EventCodec.decode(event);
    }
}
