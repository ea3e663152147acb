package dev.herald.core.store;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The threads that touch the store's file. An interrupt closes a Java file channel, which would
 * break the store for everyone; so callers (sources, shell commands that may be interrupted) hand
 * their work to these threads and wait for it without being interruptible. One writer makes the
 * writes sequential; a few readers serve queries while a write is going on.
 */
final class StoreThreads {
    private static final int READERS = 2;

    private final ScheduledExecutorService writer;
    private final ExecutorService readers;

    StoreThreads(String name) {
        writer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, name + "-writer", true));
        readers = Executors.newFixedThreadPool(READERS, r -> thread(r, name + "-reader", false));
    }

    /** Runs {@code task} on the writer every {@code period}, between writes. */
    void everyPeriodOnWriter(Runnable task, Duration period) {
        writer.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    <T> Pending<T> write(Callable<T> work) {
        Thread t = Thread.currentThread();
        if (t instanceof Owned o && o.writer) {
            throw new IllegalStateException("a store write cannot start inside another write");
        }
        Future<T> f = writer.submit(work);
        return () -> await(f);
    }

    <T> T read(Callable<T> query) {
        if (Thread.currentThread() instanceof Owned) {
            return call(query);
        }
        return await(readers.submit(query));
    }

    void shutdown() {
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
    private static <T> T await(Future<T> f) {
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

    /** A thread of the store: never interrupted by Herald. */
    private static final class Owned extends Thread {
        final boolean writer;

        Owned(Runnable r, String name, boolean writer) {
            super(r, name);
            this.writer = writer;
        }
    }
}
