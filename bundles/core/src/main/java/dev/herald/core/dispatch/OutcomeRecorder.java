package dev.herald.core.dispatch;

import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreSettings;
import dev.herald.core.PipelineListeners;
import dev.herald.core.store.Counter;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.StoreTransaction;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies an attempt's {@link Outcome} to the store: done, rescheduled with backoff, or
 * dead-lettered once attempts or age run out; every attempt goes into the history and counters.
 */
final class OutcomeRecorder {
    private final CoreSettings settings;
    private final Backoff backoff;
    private final long maxAgeMillis;
    private final PipelineListeners pipeline;

    OutcomeRecorder(CoreSettings settings, PipelineListeners pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.maxAgeMillis = saturatedMillis(settings.maxAge());
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
        if (kind == Outcome.Kind.RETRY && (tried.attempts() >= settings.maxAttempts() || tooOld(entry, now))) {
            kind = Outcome.Kind.DEAD;
        }
        long due = 0;
        switch (kind) {
            case DELIVERED -> {
                tx.count(Counter.Scope.SINK, sink, Counter.DELIVERED, 1);
                tx.markDelivered(sink, now);
                Duration latency = Duration.ofMillis(Math.max(0, now - entry.enqueuedAt()));
                // counted only once the outcome is kept: a failed commit sends the entry again
                tx.onCommit(() -> pipeline.delivered(sink, latency));
            }
            case RETRY -> {
                due = saturatedSum(now, backoff.delayMillis(tried.attempts(), outcome.retryAfter()));
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
                kind.label, outcome.reason()));
        return due;
    }

    /**
     * Dead-letters an entry that grew too old while waiting (its sink paused), without an
     * attempt; false when it had left the outbox meanwhile.
     */
    boolean expire(StoreTransaction tx, OutboxEntry entry, String eventId, String pauseReason, long now) {
        if (!tx.removeOutbox(entry)) {
            return false;
        }
        String reason = "not delivered within " + maxAge() + " (delivery_max_age_minutes); last error: "
                + (entry.lastError() != null ? entry.lastError() : pauseReason);
        tx.addDeadLetter(entry, reason, now);
        tx.count(Counter.Scope.SINK, entry.sink(), Counter.DEAD_LETTERED, 1);
        tx.addHistory(new DeliveryView(Instant.ofEpochMilli(now), entry.sink(), entry.route(), eventId,
                entry.attempts(), "dead", reason));
        return true;
    }

    /** Whether an entry is too old to be tried again at {@code now}. */
    boolean tooOld(OutboxEntry entry, long now) {
        return now - entry.enqueuedAt() >= maxAgeMillis;
    }

    long maxAgeMillis() {
        return maxAgeMillis;
    }

    /** When an entry that entered the outbox at {@code enqueuedAt} becomes too old to be tried again. */
    long expiresAt(long enqueuedAt) {
        return saturatedSum(enqueuedAt, maxAgeMillis);
    }

    private String maxAge() {
        Duration age = settings.maxAge();
        return age.toMinutes() > 0 ? age.toMinutes() + " min" : age.toMillis() + " ms";
    }

    private static long saturatedMillis(Duration d) {
        return d.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toMillis();
    }

    /** {@code a + b} for non-negative {@code b}, or the latest time there is. */
    private static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
