package dev.herald.core.digest;

import dev.herald.core.store.Group;
import dev.herald.core.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the digests of the groups that are due, on its own thread, by the clock: each due group's
 * pending events become one outbox entry per sink in the same transaction that empties the group,
 * and quiet groups past their repeat interval are closed. Groups created meanwhile are seen within
 * {@link #POLL_MILLIS}.
 */
@Component(service = DigestFlusher.class, immediate = true)
public final class DigestFlusher {
    /** The longest a new group may wait past its due time for the flusher to look again. */
    static final long POLL_MILLIS = 1_000;
    private static final long AFTER_ERROR_MILLIS = 5_000;
    private static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DigestFlusher.class);

    private final Store store;
    private final Clock clock;
    private final Object lock = new Object();
    private boolean stopping;
    private Thread thread;

    @Activate
    public DigestFlusher(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    /** A flusher that only {@link #flush}es when called (tests), with the clock that says what is due. */
    public DigestFlusher(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Activate
    public void activate() {
        synchronized (lock) {
            stopping = false;
            thread = new Thread(this::run, "herald-digests");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Deactivate
    public void deactivate() {
        Thread t;
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Flushes every group due by the clock now.
     *
     * @return how many digests it enqueued
     */
    public int flush() {
        long now = clock.millis();
        int sent = 0;
        List<Group> due;
        do {
            due = store.read(v -> v.groupsDue(now, BATCH));
            if (due.isEmpty()) {
                // nothing due: no write, so an idle flusher costs the store's writer nothing
                break;
            }
            List<Group> batch = due;
            sent += store.write(false, tx -> {
                int n = 0;
                for (Group seen : batch) {
                    // events may have joined since the read: act on the group as it is now
                    Group g = tx.group(seen.id()).filter(current -> current.due() <= now).orElse(null);
                    if (g != null && Grouping.flush(tx, g, now)) {
                        n++;
                    }
                }
                return n;
            });
        } while (due.size() == BATCH);
        return sent;
    }

    private void run() {
        while (!stopping()) {
            long wait;
            try {
                flush();
                OptionalLong next = store.read(v -> v.nextGroupDue());
                wait = next.isPresent() ? Math.max(1, Math.min(POLL_MILLIS, next.getAsLong() - clock.millis()))
                        : POLL_MILLIS;
            } catch (RuntimeException e) {
                if (stopping()) {
                    return;
                }
                LOG.error("Cannot send the due digests; trying again in {} s", AFTER_ERROR_MILLIS / 1000, e);
                wait = AFTER_ERROR_MILLIS;
            }
            synchronized (lock) {
                try {
                    if (!stopping) {
                        lock.wait(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }
}
