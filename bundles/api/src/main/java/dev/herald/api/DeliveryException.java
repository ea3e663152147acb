package dev.herald.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A sink's verdict on a failed delivery. {@linkplain #retryable Retryable} failures are tried
 * again later (after {@link #retryAfter()} when the peer said so); {@linkplain #permanent
 * permanent} ones go to the dead-letter store at once with the reason.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryException(String reason, boolean retryable, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** An outage, a timeout, a 429 or a 5xx: worth trying again. */
    public static DeliveryException retryable(String reason) {
        return new DeliveryException(reason, true, null, null);
    }

    /** As {@link #retryable(String)}, not before {@code retryAfter} (e.g. from {@code Retry-After}). */
    public static DeliveryException retryable(String reason, Duration retryAfter) {
        return new DeliveryException(reason, true, retryAfter, null);
    }

    /** As {@link #retryable(String)}, keeping the cause for the log. */
    public static DeliveryException retryable(String reason, Throwable cause) {
        return new DeliveryException(reason, true, null, cause);
    }

    /** A failure that retrying cannot fix: bad credentials, a rejected payload, a missing channel. */
    public static DeliveryException permanent(String reason) {
        return new DeliveryException(reason, false, null, null);
    }

    /** As {@link #permanent(String)}, keeping the cause for the log. */
    public static DeliveryException permanent(String reason, Throwable cause) {
        return new DeliveryException(reason, false, null, cause);
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** How long the peer asked us to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
