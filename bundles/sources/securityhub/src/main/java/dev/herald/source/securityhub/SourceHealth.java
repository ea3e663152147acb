package dev.herald.source.securityhub;

import dev.herald.aws.AwsErrors;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether the source may ask Security Hub now, and what went wrong last: a retryable failure
 * (throttling, 5xx, network) pauses it with an exponential backoff or AWS's Retry-After; one that
 * needs someone to act (access denied, unknown keys, Security Hub not enabled) pauses it for
 * {@link #REFUSED_RETRY}.
 */
final class SourceHealth {
    /** After a refusal, ask at most this often: permissions and subscriptions do not change quickly. */
    static final Duration REFUSED_RETRY = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration pollInterval;
    private Instant notBefore = Instant.MIN;
    private int failures;
    private String problem;

    SourceHealth(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    boolean due(Instant now) {
        return !now.isBefore(notBefore);
    }

    void readAgain() {
        failures = 0;
        problem = null;
        notBefore = Instant.MIN;
    }

    /** Pauses the source after {@code e} and remembers what to show. */
    void failed(SdkException e, Instant now) {
        Duration wait;
        if (AwsErrors.retryable(e)) {
            failures++;
            wait = AwsErrors.retryAfter(e).map(d -> min(d, MAX_RETRY_AFTER)).orElseGet(this::backoff);
        } else {
            wait = max(pollInterval, REFUSED_RETRY);
        }
        notBefore = now.plus(wait);
        problem = AwsErrors.describe(e) + hint(e) + "; asking again in " + wait.toSeconds() + " s";
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private Duration backoff() {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? max(MAX_BACKOFF, pollInterval) : wait;
    }

    /** Security Hub answers InvalidAccessException when the account has not enabled it in the region. */
    private static String hint(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && "InvalidAccessException".equals(s.awsErrorDetails().errorCode())) {
            return " (the account is not subscribed to Security Hub in this region: enable Security Hub there,"
                    + " or set region to the aggregation region that holds the findings)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return " (check region and endpoint: is it a region where Security Hub runs?)";
            }
        }
        return "";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
