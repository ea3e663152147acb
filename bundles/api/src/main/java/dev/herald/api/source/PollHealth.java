package dev.herald.api.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a polling source may ask its API now, and what went wrong there last, in words for
 * {@link dev.herald.api.Journal#problem}. A failure that may pass by itself (throttling, 5xx, an
 * unreachable host, a malformed answer) pauses the source with an exponential backoff from the
 * poll interval up to five minutes, or for the server's Retry-After (at most an hour); one that
 * needs someone to act (a refused key, access denied, a service not enabled) pauses it for {@link
 * #REFUSED_RETRY}. Not thread-safe: one per poller thread (and per region when a poller reads
 * several).
 */
public final class PollHealth {
    /** After a refusal, ask at most this often: keys and permissions do not change quickly. */
    public static final Duration REFUSED_RETRY = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String subject;
    private final Duration pollInterval;
    private Instant notBefore = Instant.MIN;
    private int failures;
    private String problem;

    /**
     * @param subject      what the problem text starts with, such as {@code "us-east-1: "}; may be empty
     * @param pollInterval the poller's interval, the first backoff step
     */
    public PollHealth(String subject, Duration pollInterval) {
        this.subject = subject;
        this.pollInterval = pollInterval;
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

    /**
     * A failure that may pass by itself.
     *
     * @param what       what went wrong, in words a user can act on
     * @param retryAfter the wait the server asked for, if it did
     * @return the pause, also kept for {@link #due}
     */
    public Duration failed(String what, Optional<Duration> retryAfter, Instant now) {
        failures++;
        return pause(what, retryAfter.map(d -> min(d, MAX_RETRY_AFTER)).orElseGet(this::backoff), now);
    }

    /**
     * A failure that needs someone to act.
     *
     * @param what what went wrong and what to do, in words a user can act on
     * @return the pause, also kept for {@link #due}
     */
    public Duration refused(String what, Instant now) {
        return pause(what, max(pollInterval, REFUSED_RETRY), now);
    }

    /** What went wrong last, until the API answers again. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private Duration pause(String what, Duration wait, Instant now) {
        notBefore = now.plus(wait);
        problem = subject + what + "; asking again in " + wait.toSeconds() + " s";
        return wait;
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
