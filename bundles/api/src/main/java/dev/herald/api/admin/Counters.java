package dev.herald.api.admin;

/**
 * Event counts since the store was created. Sources fill received/deduped/quarantined, routes
 * routed/throttled, sinks delivered/retried/deadLettered; fields that do not apply are 0.
 */
public record Counters(long received, long deduped, long quarantined, long routed, long throttled,
                       long delivered, long retried, long deadLettered) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0);
}
