package dev.herald.core.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of
 * {@code initial * 2^(n-1)}, capped at {@code max}; a longer {@code Retry-After} wins.
 */
record Backoff(Duration initial, Duration max) {

    long delayMillis(int failedAttempts, Duration retryAfter) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long full = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long jittered = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
        return retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    }
}
