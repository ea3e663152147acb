package dev.herald.aws;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the requests to one AWS API so that they never exceed its documented rate (CloudTrail's
 * LookupEvents 2 per second per account and region, Security Hub's GetFindings about 3): each
 * request may start one interval after the previous one, and an idle caller does not save up a
 * burst. Not thread-safe: one pacer per polling thread.
 */
public final class RequestPacer {

    /** Waits, interruptibly; tests substitute one that only records the wait. */
    public interface Sleeper {
        /** Sleeps the thread. */
        Sleeper THREAD = d -> Thread.sleep(Math.max(1, d.toMillis()));

        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next;
    private boolean started;

    public RequestPacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = (long) Math.ceil(1_000_000_000d / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** A pacer on the system's clock. */
    public static RequestPacer perSecond(double perSecond) {
        return new RequestPacer(perSecond, System::nanoTime, Sleeper.THREAD);
    }

    /** Waits until the next request may start, and books it. */
    public void acquire() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (started && now - next < 0) {
            sleeper.sleep(Duration.ofNanos(next - now));
            now = next;
        }
        started = true;
        next = now + intervalNanos;
    }
}
