package dev.herald.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether a poller may ask an AWS API now, and what went wrong there last. A retryable failure
 * (throttling, 5xx, network) pauses it with an exponential backoff from the poll interval, or for
 * AWS's Retry-After; one that needs someone to act (access denied, unknown keys, a service or
 * region not enabled) pauses it for {@link #REFUSED_RETRY}. Not thread-safe: one per poller thread
 * (and per region when a poller reads several).
 */
public final class PollHealth {
    /** After a refusal, ask at most this often: permissions and subscriptions do not change quickly. */
    public static final Duration REFUSED_RETRY = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String subject;
    private final Duration pollInterval;
    private final Function<SdkException, String> hint;
    private Instant notBefore = Instant.MIN;
    private int failures;
    private String problem;

    /**
     * @param subject      what the problem text starts with, such as {@code "us-east-1: "}; may be empty
     * @param pollInterval the poller's interval, the first backoff step
     * @param hint         the service-specific advice appended to a failure's description, or ""
     */
    public PollHealth(String subject, Duration pollInterval, Function<SdkException, String> hint) {
        this.subject = subject;
        this.pollInterval = pollInterval;
        this.hint = hint;
    }

    /** Whether the pause after the last failure is over. */
    public boolean due(Instant now) {
        return !now.isBefore(notBefore);
    }

    /** The API answered: no pause, no problem. */
    public void readAgain() {
        failures = 0;
        problem = null;
        notBefore = Instant.MIN;
    }

    /** Pauses after {@code e} and remembers what to show. */
    public void failed(SdkException e, Instant now) {
        Duration wait;
        if (AwsErrors.retryable(e)) {
            failures++;
            wait = AwsErrors.retryAfter(e).map(d -> min(d, MAX_RETRY_AFTER)).orElseGet(this::backoff);
        } else {
            wait = max(pollInterval, REFUSED_RETRY);
        }
        notBefore = now.plus(wait);
        problem = subject + AwsErrors.describe(e) + hint.apply(e) + "; asking again in " + wait.toSeconds() + " s";
    }

    /** What went wrong last, until the API answers again. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private Duration backoff() {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? max(MAX_BACKOFF, pollInterval) : wait;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
