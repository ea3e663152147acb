package dev.herald.core.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of
 * {@code initial * 2^(n-1)}, capped at {@code max}; a longer {@code Retry-After} wins, up to
 * {@code max} too, so a peer (or a bug) asking for years or for a negative wait cannot park a
 * sink or overflow a due time.
 */
record Backoff(Duration initial, Duration max) {

    long delayMillis(int failedAttempts, Duration retryAfter) {
        long maxMillis = max.toMillis();
        long initialMillis = initial.toMillis();
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 62);
        long full = initialMillis > maxMillis >> doublings ? maxMillis : initialMillis << doublings;
        long jittered = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
        if (retryAfter == null || retryAfter.isNegative()) {
            return jittered;
        }
        long asked = retryAfter.compareTo(max) >= 0 ? maxMillis : retryAfter.toMillis();
        return Math.max(jittered, asked);
    }
}
