package dev.herald.api.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polling source's own daemon thread: it polls at once, then again after the wait each poll
 * returns. Whatever a poll throws, the next one is still scheduled (after {@code retry}), so one
 * bad answer never stops a source. {@link #stop} interrupts a poll in progress (a wait for a rate
 * limit, an HTTP exchange) and waits for it to end.
 */
public final class PollLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    /** One poll. */
    @FunctionalInterface
    public interface Poll {
        /**
         * Polls once.
         *
         * @return how long to wait before the next poll
         * @throws InterruptedException when the source is stopping
         */
        Duration poll() throws InterruptedException;
    }

    private final String owner;
    private final Duration retry;
    private final Poll poll;
    private final ScheduledExecutorService scheduler;

    private PollLoop(String threadName, String owner, Duration retry, Poll poll) {
        this.owner = owner;
        this.retry = retry;
        this.poll = poll;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts polling on a thread of its own.
     *
     * @param threadName the thread's name, e.g. {@code herald-source-pce-prod}
     * @param owner      who polls, for the log: {@code PCE source 'prod'}
     * @param retry      the wait after a poll that failed unexpectedly
     * @param poll       what one poll does
     */
    public static PollLoop start(String threadName, String owner, Duration retry, Poll poll) {
        PollLoop loop = new PollLoop(threadName, owner, retry, poll);
        loop.scheduler.execute(loop::run);
        return loop;
    }

    /** Interrupts the poll in progress, if any, and waits at most {@code wait} for it to end. */
    public void stop(Duration wait) {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} s", owner, wait.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration next = retry;
        try {
            next = poll.poll();
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{}: polling failed; trying again in {} s", owner, next.toSeconds(), e);
        }
        try {
            scheduler.schedule(this::run, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile
        }
    }
}
