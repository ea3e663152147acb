package dev.herald.core.dispatch;

import dev.herald.api.DeliveryException;
import java.time.Duration;
import java.util.Locale;

/**
 * What became of one attempt.
 *
 * @param kind       delivered, retry or dead
 * @param reason     why it failed, or null
 * @param retryAfter how long the peer asked us to wait, or null
 */
record Outcome(Kind kind, String reason, Duration retryAfter) {
    enum Kind {
        DELIVERED, RETRY, DEAD;

        /** As the history shows it; worked out once, not for every delivery. */
        final String label = name().toLowerCase(Locale.ROOT);
    }

    static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, null, null);

    static Outcome of(DeliveryException e) {
        String reason = e.getMessage() == null ? "delivery failed" : e.getMessage();
        return e.isRetryable() ? new Outcome(Kind.RETRY, reason, e.retryAfter().orElse(null))
                : new Outcome(Kind.DEAD, reason, null);
    }

    /** A sink that throws anything else is treated as having a passing problem. */
    static Outcome unexpected(RuntimeException e) {
        return new Outcome(Kind.RETRY, "sink failed unexpectedly: " + e, null);
    }

    static Outcome dead(String reason) {
        return new Outcome(Kind.DEAD, reason, null);
    }
}
