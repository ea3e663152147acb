package dev.herald.api.admin;

/**
 * Event counts since the store was created. Sources fill received/deduped/quarantined, routes
 * routed/throttled/silenced, sinks delivered/retried/deadLettered/silenced; fields that do not
 * apply are 0.
 *
 * @param silenced notifications (one per event and sink) that a silence held back: a sink counts
 *                 each of its own, a route each one that carried it
 */
public record Counters(long received, long deduped, long quarantined, long routed, long throttled,
                       long delivered, long retried, long deadLettered, long silenced) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Counts without silences (as before silences existed). */
    public Counters(long received, long deduped, long quarantined, long routed, long throttled,
                    long delivered, long retried, long deadLettered) {
        this(received, deduped, quarantined, routed, throttled, delivered, retried, deadLettered, 0);
    }
}
