package dev.herald.source.securityhub;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces GetFindings requests so that they never exceed a rate: Security Hub documents about 3
 * per second per account and region (burst 6) and throttles beyond. Each request may start one
 * interval after the previous one; a pause lets an idle source send its next request at once.
 */
final class RequestPacer {

    /** Waits, interruptibly; tests substitute one that only records the wait. */
    interface Sleeper {
        /** Sleeps the thread. */
        Sleeper THREAD = d -> Thread.sleep(Math.max(1, d.toMillis()));

        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next;
    private boolean started;

    RequestPacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = (long) Math.ceil(1_000_000_000d / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** A pacer on the system's clock. */
    static RequestPacer perSecond(double perSecond) {
        return new RequestPacer(perSecond, System::nanoTime, Sleeper.THREAD);
    }

    /** Waits until the next request may start, and books it. */
    void acquire() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (started && now - next < 0) {
            sleeper.sleep(Duration.ofNanos(next - now));
            now = next;
        }
        started = true;
        next = now + intervalNanos;
    }
}
