package dev.herald.core.store;

import dev.herald.api.admin.Counters;

/** The persistent counters, in the order of {@link Counters}' components. */
public enum Counter {
    RECEIVED, DEDUPED, QUARANTINED, ROUTED, THROTTLED, DELIVERED, RETRIED, DEAD_LETTERED, SILENCED;

    /** What counters are kept for. */
    public enum Scope {
        SOURCE, ROUTE, SINK
    }

    /** The API record for stored values indexed by {@link #ordinal()}. */
    public static Counters toCounters(long[] v) {
        return new Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** Field-wise sum. */
    public static Counters sum(Counters a, Counters b) {
        return new Counters(a.received() + b.received(), a.deduped() + b.deduped(),
                a.quarantined() + b.quarantined(), a.routed() + b.routed(), a.throttled() + b.throttled(),
                a.delivered() + b.delivered(), a.retried() + b.retried(), a.deadLettered() + b.deadLettered(),
                a.silenced() + b.silenced());
    }
}
