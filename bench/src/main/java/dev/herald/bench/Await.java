package dev.herald.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Bounded waits: every wait of the bench ends, with a message saying what did not happen. */
final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Waits for {@code condition}, at most {@code limit}. */
    static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits until {@code counter} reaches {@code target}: fails when it does not grow for {@code
     * stall}, or after {@code limit} in all.
     */
    static void progress(LongSupplier counter, long target, Duration stall, Duration limit, String what)
            throws InterruptedException {
        long start = System.nanoTime();
        long last = counter.getAsLong();
        long lastChange = start;
        while (last < target) {
            Thread.sleep(POLL_MILLIS);
            long now = System.nanoTime();
            long value = counter.getAsLong();
            if (value != last) {
                last = value;
                lastChange = now;
            } else if (now - lastChange > stall.toNanos()) {
                throw new IllegalStateException(what + ": " + last + " of " + target + ", nothing new for "
                        + stall.toSeconds() + " s");
            }
            if (now - start > limit.toNanos()) {
                throw new IllegalStateException(what + ": " + last + " of " + target + " after " + limit.toSeconds() + " s");
            }
        }
    }
}
