package dev.herald.api.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source's own daemon thread: it polls at once, then again after the wait each poll returns
 * ({@link Duration#ZERO} for a source that listens continuously, such as an SQS long poll).
 * Whatever a poll throws, the next one is still scheduled (after {@code retry}), so one bad
 * answer never stops a source.
 *
 * <p><b>The stop policy</b>, the same for every source: {@link #stop} (called from the
 * component's {@code @Deactivate}) marks the loop as {@link #stopping}, interrupts the poll in
 * progress at once and waits at most {@link #STOP_WAIT} for it to return; no poll follows. A poll
 * checks {@link #stopping} between records and batches and returns early; a wait for a rate limit,
 * an HTTP exchange or an SQS receive ends with the interrupt. Interrupting a source is safe: the
 * journal commits on its own thread, so a batch is either committed with its checkpoint or not at
 * all, and the next start resumes from the committed checkpoint (at least once, nothing lost).
 * What a poll throws once the loop is stopping (an {@code InterruptedException}, an I/O error from
 * an interrupted channel) is the stop itself, not a failure: it is not logged as one.
 */
public final class PollLoop {
    /** How long {@link #stop} waits for the poll in progress to return once interrupted. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);

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
    private final ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    /**
     * A loop that does not poll yet: hand {@link #stopping} to what reads, then {@link #start}.
     *
     * @param threadName the thread's name, e.g. {@code herald-source-pce-prod}
     * @param owner      who polls, for the log: {@code PCE source 'prod'}
     * @param retry      the wait after a poll that failed unexpectedly
     */
    public PollLoop(String threadName, String owner, Duration retry) {
        this.owner = owner;
        this.retry = retry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts polling on the loop's thread. */
    public void start(Poll poll) {
        scheduler.execute(() -> run(poll));
    }

    /** Whether {@link #stop} was called: a poll in progress should return as soon as it can. */
    public boolean stopping() {
        return stopping;
    }

    /** Stops as the class comment says: at once, then at most {@link #STOP_WAIT} for the poll in progress. */
    public void stop() {
        stopping = true;
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} s of being interrupted; its thread ends when its poll returns",
                        owner, STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Poll poll) {
        Duration next = retry;
        try {
            next = poll.poll();
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException | LinkageError e) {
            if (stopping) {
                LOG.debug("{}: a poll ended by the stop threw", owner, e);
                return;
            }
            LOG.error("{}: polling failed; trying again in {} s", owner, next.toSeconds(), e);
        }
        try {
            scheduler.schedule(() -> run(poll), next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopped meanwhile: no poll follows
        }
    }
}
