package dev.herald.source.pce;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The PCE's request budget of one API key: at most {@link #PER_MINUTE} requests in any minute,
 * shared by every PCE source in this JVM that uses the same key on the same PCE (the PCE counts
 * per key and answers 429 beyond). A sliding window of the times of the last requests.
 */
final class RequestBudget {
    /** The PCE's documented limit per API key. */
    static final int PER_MINUTE = 500;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Map<String, RequestBudget> SHARED = new ConcurrentHashMap<>();

    /** Waits, interruptibly; tests substitute one that moves their clock instead. */
    interface Sleeper {
        /** Sleeps the thread, at least a millisecond. */
        Sleeper THREAD = d -> Thread.sleep(Math.max(1, d.toMillis()));

        void sleep(Duration duration) throws InterruptedException;
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Deque<Long> granted = new ArrayDeque<>();

    RequestBudget(int limit, Duration window, LongSupplier nanoTime, Sleeper sleeper) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** The budget shared by all sources using {@code apiUser} on the PCE at {@code pceUrl}. */
    static RequestBudget shared(URI pceUrl, String apiUser) {
        return SHARED.computeIfAbsent(pceUrl.toString().toLowerCase(java.util.Locale.ROOT) + " " + apiUser,
                k -> new RequestBudget(PER_MINUTE, WINDOW, System::nanoTime, Sleeper.THREAD));
    }

    /** Takes one request from the budget, or says how long until one is free. */
    synchronized Optional<Duration> tryAcquire() {
        long now = nanoTime.getAsLong();
        while (!granted.isEmpty() && now - granted.peekFirst() >= windowNanos) {
            granted.pollFirst();
        }
        if (granted.size() < limit) {
            granted.addLast(now);
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(granted.peekFirst() + windowNanos - now));
    }

    /** Takes one request from the budget, waiting until one is free. */
    void acquire() throws InterruptedException {
        for (Optional<Duration> wait = tryAcquire(); wait.isPresent(); wait = tryAcquire()) {
            sleeper.sleep(wait.get());
        }
    }
}
