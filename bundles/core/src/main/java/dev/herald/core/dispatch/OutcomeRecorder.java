package dev.herald.core.dispatch;

import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreSettings;
import dev.herald.core.PipelineListeners;
import dev.herald.core.store.Counter;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.StoreTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Applies an attempt's {@link Outcome} to the store: done, rescheduled with backoff, or
 * dead-lettered once attempts or age run out; every attempt goes into the history and counters.
 */
final class OutcomeRecorder {
    private final CoreSettings settings;
    private final Backoff backoff;
    private final PipelineListeners pipeline;

    OutcomeRecorder(CoreSettings settings, PipelineListeners pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
    }

    /**
     * Records the outcome of the attempt on {@code entry} that ended at {@code now}.
     *
     * @return when the entry is due again, or 0 when it left the outbox
     */
    long record(StoreTransaction tx, OutboxEntry entry, String eventId, Outcome outcome, long now) {
        if (!tx.removeOutbox(entry)) {
            return 0;
        }
        String sink = entry.sink();
        OutboxEntry tried = entry.retryAt(now, now, outcome.reason());
        Outcome.Kind kind = outcome.kind();
        if (kind == Outcome.Kind.RETRY && (tried.attempts() >= settings.maxAttempts()
                || now - entry.enqueuedAt() >= settings.maxAge().toMillis())) {
            kind = Outcome.Kind.DEAD;
        }
        long due = 0;
        switch (kind) {
            case DELIVERED -> {
                tx.count(Counter.Scope.SINK, sink, Counter.DELIVERED, 1);
                tx.markDelivered(sink, now);
                pipeline.delivered(sink, Duration.ofMillis(Math.max(0, now - entry.enqueuedAt())));
            }
            case RETRY -> {
                due = now + backoff.delayMillis(tried.attempts(), outcome.retryAfter());
                tx.putOutbox(entry.retryAt(due, now, outcome.reason()));
                tx.count(Counter.Scope.SINK, sink, Counter.RETRIED, 1);
                tx.markFailed(sink, outcome.reason());
            }
            case DEAD -> {
                tx.addDeadLetter(tried, outcome.reason(), now);
                tx.count(Counter.Scope.SINK, sink, Counter.DEAD_LETTERED, 1);
                tx.markFailed(sink, outcome.reason());
            }
        }
        tx.addHistory(new DeliveryView(Instant.ofEpochMilli(now), sink, entry.route(), eventId, tried.attempts(),
                kind.name().toLowerCase(Locale.ROOT), outcome.reason()));
        return due;
    }
}
