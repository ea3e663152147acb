package dev.herald.http;

import dev.herald.api.DeliveryException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request that did not end in a 2xx response, already classified. The {@linkplain #getMessage()
 * reason} is written for an operator: what happened, where, and what to check. It never contains
 * request headers, credentials or query values.
 */
public final class HttpFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final int status;
    private final Duration retryAfter;
    private final String responseBody;

    HttpFailure(String reason, boolean retryable, int status, Duration retryAfter, String responseBody,
                Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
        this.responseBody = responseBody;
    }

    /** Whether trying again later may succeed (408, 429, 5xx except 501, I/O failures). */
    public boolean isRetryable() {
        return retryable;
    }

    /** The HTTP status, when a response arrived. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The wait the server asked for with {@code Retry-After}, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The start of the response body (about 2 KB, secrets removed); empty without a response. */
    public String responseBody() {
        return responseBody;
    }

    /** The same verdict in the form a {@link dev.herald.api.Sink} throws. */
    public DeliveryException toDeliveryException() {
        return toDeliveryException(getMessage());
    }

    /**
     * The same verdict (retryable or not, the server's Retry-After, the I/O cause) with a reason of
     * the sink's own, e.g. what the vendor's error code means. The cause kept is the I/O error, not
     * this failure, so that a reason the sink scrubbed of a secret is not undone by the log.
     */
    public DeliveryException toDeliveryException(String reason) {
        if (!retryable) {
            return getCause() == null ? DeliveryException.permanent(reason)
                    : DeliveryException.permanent(reason, getCause());
        }
        if (retryAfter != null) {
            return DeliveryException.retryable(reason, retryAfter);
        }
        return getCause() == null ? DeliveryException.retryable(reason)
                : DeliveryException.retryable(reason, getCause());
    }
}
