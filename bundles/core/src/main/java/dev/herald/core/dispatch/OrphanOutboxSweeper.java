package dev.herald.core.dispatch;

import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreConfig;
import dev.herald.core.CoreSettings;
import dev.herald.core.store.Counter;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreTransaction;
import dev.herald.core.store.StoreView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters outbox entries that wait for a sink no worker delivers (renamed, deleted, never
 * installed, or failing to start) once they are older than {@code delivery_max_age_minutes}, as a
 * worker would have after its last failed attempt: without this they would wait forever. Entries
 * of a deleted route are no different: they are delivered by their sink if it runs, else they age
 * out here.
 *
 * <p>A pass looks at entries due by {@code now - maxAge + }{@link #RETRY_SLACK} only: an entry
 * that was never tried is due when it was enqueued, and one that was tried is due at most a
 * backoff (or a capped Retry-After) after its attempt, so older entries are found without reading
 * a whole outbox every time.
 */
@Component(service = {}, configurationPid = CoreConfig.PID, immediate = true)
public final class OrphanOutboxSweeper {
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Duration RETRY_SLACK = Duration.ofHours(1);
    /** Entries dead-lettered per commit, so memory stays bounded. */
    private static final int CHUNK = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(OrphanOutboxSweeper.class);

    private final Store store;
    /** Whether the dispatcher has a sink of this name (its worker delivers the outbox). */
    private final Predicate<String> delivered;
    private final Duration maxAge;
    private final Duration slack;
    private ScheduledExecutorService timer;

    @Activate
    public OrphanOutboxSweeper(CoreConfig config, @Reference Store store, @Reference Dispatcher dispatcher) {
        this(CoreSettings.from(config), store, dispatcher);
    }

    OrphanOutboxSweeper(CoreSettings settings, Store store, Dispatcher dispatcher) {
        this.store = store;
        this.delivered = name -> dispatcher.sink(name).isPresent();
        this.maxAge = settings.maxAge();
        this.slack = settings.backoffMax().compareTo(RETRY_SLACK) > 0 ? settings.backoffMax() : RETRY_SLACK;
    }

    @Activate
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-orphan-outbox-sweeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void sweepQuietly() {
        try {
            sweep(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("Sweeping the outboxes of absent sinks failed; trying again in {}", SWEEP_EVERY, e);
        }
    }

    /** One pass at {@code now}; returns how many entries it dead-lettered. */
    int sweep(long now) {
        long cutoff = now - maxAge.toMillis();
        long dueBy = Math.min(now, cutoff + slack.toMillis());
        int total = 0;
        for (String sink : store.read(StoreView::outboxSinks)) {
            // asked outside the writes: the store's writer must never wait for the dispatcher's lock
            if (delivered.test(sink)) {
                continue;
            }
            int n;
            do {
                n = store.write(false, tx -> deadLetterExpired(tx, sink, cutoff, dueBy, now));
                total += n;
            } while (n == CHUNK && !delivered.test(sink));
        }
        if (total > 0) {
            LOG.warn("Dead-lettered {} outbox entries older than {} minutes of sinks that are not running",
                    total, maxAge.toMinutes());
        }
        return total;
    }

    /** Dead-letters up to a chunk of the sink's entries that entered before {@code cutoff}; returns how many. */
    private int deadLetterExpired(StoreTransaction tx, String sink, long cutoff, long dueBy, long now) {
        List<OutboxEntry> expired = tx.enqueuedBefore(sink, cutoff, dueBy, CHUNK);
        for (OutboxEntry e : expired) {
            deadLetter(tx, e, now);
        }
        return expired.size();
    }

    private void deadLetter(StoreTransaction tx, OutboxEntry e, long now) {
        if (!tx.removeOutbox(e)) {
            return;
        }
        String reason = "no sink named '" + e.sink() + "' is configured and running (renamed, deleted, never"
                + " installed, or failing to start): the entry waited longer than delivery_max_age_minutes ("
                + maxAge.toMinutes() + ")";
        tx.addDeadLetter(e, reason, now);
        tx.count(Counter.Scope.SINK, e.sink(), Counter.DEAD_LETTERED, 1);
        tx.markFailed(e.sink(), reason);
        String eventId;
        try {
            eventId = e.decodeEvent().id();
        } catch (RuntimeException unreadable) {
            eventId = "?";
        }
        tx.addHistory(new DeliveryView(Instant.ofEpochMilli(now), e.sink(), e.route(), eventId, e.attempts(),
                "dead", reason));
    }
}
