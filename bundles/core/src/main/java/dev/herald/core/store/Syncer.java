package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces durable commits to disk on a thread of its own, so that the store's writer commits the
 * next write while the disk forces the last one, and one force covers every commit made while the
 * one before was under way (group commit). A durable write is done, and its caller told so, only
 * once a force that began after its commit has returned.
 *
 * <p>A force that fails fails every commit waiting for it, and every later one of the same {@link
 * MVStore}: what the disk kept of them is unknown, so none is reported kept; the owner is told
 * ({@code onFailure}) so that it reopens the file and learns what the disk has.
 */
final class Syncer {
    private static final Logger LOG = LoggerFactory.getLogger(Syncer.class);
    private final BiConsumer<MVStore, RuntimeException> onFailure;
    private final Thread thread;
    /** Held while forcing: a {@link #flush} waits for the force under way on the thread. */
    private final Object forcing = new Object();
    /** Commits waiting for a force; guarded by this. */
    private List<Ticket> waiting = new ArrayList<>();
    /** The store a force failed for; its commits are never reported kept. Guarded by this. */
    private MVStore failed;
    private boolean stopped;

    /**
     * @param name      the thread's name
     * @param onFailure told, on the syncer's thread, which store a force failed for, and why; once
     *                  per store
     */
    Syncer(String name, BiConsumer<MVStore, RuntimeException> onFailure) {
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A commit to force: call right after {@code store.commit()} returned.
     *
     * @param then run once it is forced, before its caller learns it (signals only, as {@link
     *             StoreTransaction#onDurable} says)
     */
    synchronized Ticket request(MVStore store, Runnable then) {
        Ticket t = new Ticket(store, then);
        if (stopped) {
            t.fail(new StoreException("the store is closed", null));
        } else {
            waiting.add(t);
            notifyAll();
        }
        return t;
    }

    /** Forces, on the calling thread, the commits still waiting: before the store closes. */
    void flush() {
        List<Ticket> batch;
        synchronized (this) {
            batch = take();
        }
        force(batch);
    }

    /** Forces what waits, then ends the thread; later requests fail. */
    void stop() {
        flush();
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<Ticket> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // the store's threads are never interrupted by Herald; keep forcing
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = take();
            }
            force(batch);
        }
    }

    private List<Ticket> take() {
        List<Ticket> batch = waiting;
        waiting = new ArrayList<>();
        return batch;
    }

    /** One force per store: there is one, but after a failed write it is replaced by a new one. */
    private void force(List<Ticket> batch) {
        synchronized (forcing) {
            forceHeld(batch);
        }
    }

    private void forceHeld(List<Ticket> batch) {
        MVStore forced = null;
        RuntimeException failure = null;
        for (Ticket t : batch) {
            if (t.store != forced) {
                forced = t.store;
                failure = force(forced);
            }
            if (failure == null) {
                t.forced();
            } else {
                t.fail(failure);
            }
        }
    }

    /** @return null when forced, else why not */
    private RuntimeException force(MVStore store) {
        synchronized (this) {
            if (store == failed) {
                return new StoreException("an earlier force of the store to disk failed", null);
            }
        }
        try {
            store.sync();
            return null;
        } catch (RuntimeException e) {
            synchronized (this) {
                failed = store;
            }
            onFailure.accept(store, e);
            return new StoreException("cannot force the store to disk: " + MvStore.rootCause(e), e);
        }
    }

    /** A commit waiting to be forced to disk. */
    static final class Ticket {
        private final MVStore store;
        private final Runnable then;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Ticket(MVStore store, Runnable then) {
            this.store = store;
            this.then = then;
        }

        /** The commit is on disk: whatever {@code then} does, its caller learns it and the forcing goes on. */
        private void forced() {
            try {
                then.run();
            } catch (RuntimeException e) {
                LOG.warn("An action after a commit was forced to disk failed; the commit is kept", e);
            } finally {
                done.complete(null);
            }
        }

        private void fail(RuntimeException why) {
            done.completeExceptionally(why);
        }

        /**
         * Waits for the force without being interruptible (an interrupt is kept for later).
         *
         * @throws StoreException when it failed: the commit may not be on disk
         */
        void await() {
            StoreThreads.await(done);
        }
    }
}
