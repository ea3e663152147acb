package dev.herald.source.cloudtrail;

import dev.herald.aws.AwsErrors;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether one region may be read now, and what went wrong there last: a retryable failure
 * (throttling, 5xx, network) pauses the region with an exponential backoff or AWS's Retry-After;
 * one that needs someone to act (access denied, unknown keys, a region not enabled) pauses it for
 * {@link #REFUSED_RETRY}. Other regions are not affected.
 */
final class RegionHealth {
    /** After a refusal, ask at most this often: permissions and opt-in regions do not change quickly. */
    static final Duration REFUSED_RETRY = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String region;
    private final Duration pollInterval;
    private Instant notBefore = Instant.MIN;
    private int failures;
    private String problem;

    RegionHealth(String region, Duration pollInterval) {
        this.region = region;
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

    /** Pauses the region after {@code e} and remembers what to show. */
    void failed(SdkException e, Instant now) {
        Duration wait;
        if (AwsErrors.retryable(e)) {
            failures++;
            wait = AwsErrors.retryAfter(e).map(d -> min(d, MAX_RETRY_AFTER)).orElseGet(this::backoff);
        } else {
            wait = max(pollInterval, REFUSED_RETRY);
        }
        notBefore = now.plus(wait);
        problem = region + ": " + AwsErrors.describe(e) + hint(e) + "; asking again in "
                + wait.toSeconds() + " s";
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private Duration backoff() {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? max(MAX_BACKOFF, pollInterval) : wait;
    }

    /**
     * An opt-in region the account has not enabled does not know the account's keys; a misspelt
     * region has no endpoint.
     */
    private String hint(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && "UnrecognizedClientException".equals(s.awsErrorDetails().errorCode())) {
            return " (or the region is not enabled for the account: enable it, or leave it out of regions)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return " (is " + region + " a region where CloudTrail runs? check regions and endpoint)";
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
