package dev.herald.core.store;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that touch the store's file. An interrupt closes a Java file channel, which would
 * break the store for everyone; so callers (sources, shell commands that may be interrupted) hand
 * their work to these threads and wait for it without being interruptible. One writer makes the
 * writes sequential; a few readers serve queries while a write is going on.
 *
 * <p>Writes wait in two lanes: a write in the {@link Lane#FIRST first lane} (a small interactive
 * batch) runs before every write of the {@link Lane#QUEUED other} that waits, so that it never
 * queues behind bulk batches and deliveries; within a lane, writes run in the order they came.
 */
final class StoreThreads {
    private static final int READERS = 2;

    /** Where a write waits for the writer. */
    enum Lane {
        /** Ahead of every queued write: small interactive batches. */
        FIRST,
        /** Everything else, in order. */
        QUEUED
    }

    private final ThreadPoolExecutor writer;
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;
    private final AtomicLong arrivals = new AtomicLong();

    StoreThreads(String name) {
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                r -> thread(r, name + "-writer", true));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        readers = Executors.newFixedThreadPool(READERS, r -> thread(r, name + "-reader", false));
    }

    /** Runs {@code task} on the writer every {@code period}, between writes. */
    void everyPeriodOnWriter(Runnable task, Duration period) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                write(Lane.QUEUED, () -> {
                    task.run();
                    return null;
                }).await();
            } catch (RejectedExecutionException shutDown) {
                // the store is closing
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    <T> Pending<T> write(Callable<T> work) {
        return write(Lane.QUEUED, work);
    }

    <T> Pending<T> write(Lane lane, Callable<T> work) {
        Thread t = Thread.currentThread();
        if (t instanceof Owned o && o.writer) {
            throw new IllegalStateException("a store write cannot start inside another write");
        }
        Ranked<T> f = new Ranked<>(work, lane, arrivals.incrementAndGet());
        writer.execute(f);
        return () -> await(f);
    }

    <T> T read(Callable<T> query) {
        if (Thread.currentThread() instanceof Owned) {
            return call(query);
        }
        return await(readers.submit(query));
    }

    /** Starts {@code query} on a reader; on a store thread it runs at once. */
    <T> Pending<T> submitRead(Callable<T> query) {
        if (Thread.currentThread() instanceof Owned) {
            T result = call(query);
            return () -> result;
        }
        Future<T> f = readers.submit(query);
        return () -> await(f);
    }

    void shutdown() {
        timer.shutdownNow();
        readers.shutdown();
        writer.shutdown();
        boolean interrupted = false;
        for (ExecutorService e : new ExecutorService[] {readers, writer}) {
            while (!e.isTerminated()) {
                try {
                    e.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** Waits for the result, ignoring (and keeping) interrupts: the work cannot be abandoned half way. */
    static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreException(String.valueOf(cause), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread thread(Runnable r, String name, boolean writer) {
        Thread t = new Owned(r, name, writer);
        t.setDaemon(true);
        return t;
    }

    /** A write waiting in its lane: the first lane first, then by arrival. */
    private static final class Ranked<T> extends FutureTask<T> implements Comparable<Ranked<?>> {
        private final Lane lane;
        private final long arrival;

        Ranked(Callable<T> work, Lane lane, long arrival) {
            super(work);
            this.lane = lane;
            this.arrival = arrival;
        }

        @Override
        public int compareTo(Ranked<?> o) {
            int byLane = lane.compareTo(o.lane);
            return byLane != 0 ? byLane : Long.compare(arrival, o.arrival);
        }
    }

    /** A thread of the store: never interrupted by Herald. */
    private static final class Owned extends Thread {
        final boolean writer;

        Owned(Runnable r, String name, boolean writer) {
            super(r, name);
            this.writer = writer;
        }
    }
}
