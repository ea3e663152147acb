package dev.herald.core.store;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.List;

/**
 * One pending delivery: an event for a sink, on every route that sent it there. The store keeps the
 * event once, in its event log, and the entry refers to it by key; reads of the store give the
 * entry with the event.
 *
 * @param seq        unique, increasing with creation: orders entries that are due together
 * @param due        when it may be tried (epoch millis)
 * @param sink       the sink's name
 * @param route      the first of {@code routes}: the route the delivery's idempotency key, history
 *                   and dead letter name
 * @param severity   the effective severity
 * @param attempts   attempts made so far
 * @param enqueuedAt when it entered the outbox (epoch millis)
 * @param firstTryAt when it was first tried (epoch millis), 0 before
 * @param lastError  the reason of the last failed attempt, or null
 * @param eventKey   the event's key in the event log ({@link RetainedEvent#key()})
 * @param event      the serialized event ({@link EventCodec}) as read with the entry; null when
 *                   the entry was not read from the store, or the log no longer has the event
 * @param routes     every route that sent the event to this sink, in route order (priority, then
 *                   name), {@code route} first; entries of earlier versions have only {@code route}
 * @param replay     the id of the replay that created it, which scopes its idempotency key; null
 *                   for an entry of normal traffic
 * @param digest     the group window it sends as one notification ({@code eventKey} its first event),
 *                   or null for a single event
 */
public record OutboxEntry(long seq, long due, String sink, String route, Severity severity, int attempts,
                          long enqueuedAt, long firstTryAt, String lastError, long eventKey, byte[] event,
                          List<String> routes, String replay, Digest digest) {

    public OutboxEntry {
        routes = routes == null || routes.isEmpty() ? List.of(route) : List.copyOf(routes);
        if (!routes.get(0).equals(route)) {
            throw new IllegalArgumentException("route " + route + " must be the first of " + routes);
        }
        if (digest != null && digest.events().get(0) != eventKey) {
            throw new IllegalArgumentException("digest " + digest.id() + " must start with event " + eventKey);
        }
    }

    /** An entry without a digest. */
    public OutboxEntry(long seq, long due, String sink, String route, Severity severity, int attempts,
                       long enqueuedAt, long firstTryAt, String lastError, long eventKey, byte[] event,
                       List<String> routes, String replay) {
        this(seq, due, sink, route, severity, attempts, enqueuedAt, firstTryAt, lastError, eventKey, event, routes,
                replay, null);
    }

    /**
     * From the sequence number alone, which tells entries apart: the dispatcher keys maps by
     * entry, and hashing every field (the routes, the event's bytes) cost more than the map.
     * Equal entries have equal sequence numbers, so this agrees with {@link #equals}.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }

    /** An entry sent by {@code route} alone. */
    public OutboxEntry(long seq, long due, String sink, String route, Severity severity, int attempts,
                       long enqueuedAt, long firstTryAt, String lastError, long eventKey, byte[] event) {
        this(seq, due, sink, route, severity, attempts, enqueuedAt, firstTryAt, lastError, eventKey, event,
                List.of(route), null);
    }

    /** A new entry, due at once; {@code replay} null for normal traffic. */
    public static OutboxEntry create(long seq, long now, String sink, String route, Severity severity,
                                     long eventKey) {
        return create(seq, now, sink, List.of(route), severity, eventKey);
    }

    /** A new entry for the routes (in route order, at least one) that sent the event to the sink, due at once. */
    public static OutboxEntry create(long seq, long now, String sink, List<String> routes, Severity severity,
                                     long eventKey) {
        return new OutboxEntry(seq, now, sink, routes.get(0), severity, 0, now, 0, null, eventKey, null, routes, null);
    }

    /** A new entry of a replay, due at once; {@code replay} scopes its idempotency key, null for normal traffic. */
    public static OutboxEntry create(long seq, long now, String sink, String route, Severity severity,
                                     long eventKey, String replay) {
        return new OutboxEntry(seq, now, sink, route, severity, 0, now, 0, null, eventKey, null, List.of(route), replay);
    }

    /** A new digest of a group's window for the routes that sent its events to the sink, due at once. */
    public static OutboxEntry create(long seq, long now, String sink, List<String> routes, Severity severity,
                                     Digest digest) {
        return new OutboxEntry(seq, now, sink, routes.get(0), severity, 0, now, 0, null, digest.events().get(0), null,
                routes, null, digest);
    }

    /** Every event key it refers to, each once: its event's, and a digest's others. */
    List<Long> eventKeys() {
        return digest == null ? List.of(eventKey) : digest.keys();
    }

    /** This entry after a failed attempt at {@code now}, to be tried again at {@code nextDue}. */
    public OutboxEntry retryAt(long nextDue, long now, String reason) {
        return new OutboxEntry(seq, nextDue, sink, route, severity, attempts + 1, enqueuedAt,
                firstTryAt == 0 ? now : firstTryAt, reason, eventKey, event, routes, replay, digest);
    }

    /** This entry as if new again (from a dead letter), due at {@code now}. */
    public OutboxEntry restart(long newSeq, long now) {
        return new OutboxEntry(newSeq, now, sink, route, severity, 0, now, 0, null, eventKey, event, routes, replay,
                digest);
    }

    /** This entry with its event as read from the log. */
    OutboxEntry withEvent(byte[] serialized) {
        return new OutboxEntry(seq, due, sink, route, severity, attempts, enqueuedAt, firstTryAt, lastError,
                eventKey, serialized, routes, replay, digest);
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
