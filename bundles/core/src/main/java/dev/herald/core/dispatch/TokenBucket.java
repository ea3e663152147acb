package dev.herald.core.dispatch;

/**
 * Paces a sink to {@code rate} messages per second, allowing a burst of one second's worth.
 * A rate of 0 or less means no limit.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double rate;
    private double tokens;
    private long last;

    TokenBucket(double rate, long nowNanos) {
        this.rate = rate;
        this.tokens = Math.max(1, rate);
        this.last = nowNanos;
    }

    /** Takes {@code n} tokens (going into debt if needed) and says how long to wait before sending. */
    synchronized long reserve(int n, long nowNanos) {
        if (rate <= 0) {
            return 0;
        }
        tokens = Math.min(Math.max(1, rate), tokens + (nowNanos - last) * rate / NANOS_PER_SECOND);
        last = nowNanos;
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
    }
}
