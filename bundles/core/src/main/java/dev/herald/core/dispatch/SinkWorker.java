package dev.herald.core.dispatch;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.Store;
import dev.herald.core.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's outbox on its own thread: takes due entries in (due, sequence) order, paces
 * them to the sink's rate, renders and sends them, and records each outcome. After a retryable
 * failure it pauses until the entry is due again, so a peer that is down is not hammered.
 *
 * <p>The thread is interrupted only while a send is in flight and the worker is being abandoned
 * at shutdown; it then leaves that entry as it was (it is retried later) and never touches the
 * store again.
 */
final class SinkWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    private static final long IDLE_MILLIS = 60_000;
    private static final long AFTER_ERROR_MILLIS = 5_000;
    private static final String UNREADABLE = "the stored event cannot be read";

    private final SinkHandle sink;
    private final Store store;
    private final Bodies bodies;
    private final OutcomeRecorder recorder;
    private final TokenBucket bucket;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean signalled;
    private boolean stopping;
    private boolean inSend;
    private boolean abandoned;
    private long pausedUntil;

    SinkWorker(SinkHandle sink, Store store, Bodies bodies, OutcomeRecorder recorder) {
        this.sink = sink;
        this.store = store;
        this.bodies = bodies;
        this.recorder = recorder;
        this.bucket = new TokenBucket(sink.rate(), System.nanoTime());
        this.thread = new Thread(this, "herald-sink-" + sink.name());
        this.thread.setDaemon(true);
    }

    SinkHandle sink() {
        return sink;
    }

    void start() {
        thread.start();
    }

    /** New entries may be due: wake up if idle. */
    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /**
     * Stops the worker: it finishes what it is doing within {@code grace}; a send still in flight
     * after that is abandoned (interrupted) and its entry stays in the outbox.
     */
    void stop(Duration grace) {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        join(grace);
        if (thread.isAlive()) {
            synchronized (lock) {
                abandoned = true;
                if (inSend) {
                    thread.interrupt();
                }
            }
            join(grace);
            if (thread.isAlive()) {
                LOG.warn("Sink {} is still sending; its delivery will be tried again later", sink.name());
            }
        }
    }

    @Override
    public void run() {
        while (!stopping()) {
            try {
                step();
            } catch (RuntimeException e) {
                if (stopping()) {
                    return;
                }
                LOG.error("Delivery to sink {} failed; trying again in {} s", sink.name(), AFTER_ERROR_MILLIS / 1000, e);
                sleep(AFTER_ERROR_MILLIS, false);
            }
        }
    }

    private void step() {
        long now = System.currentTimeMillis();
        if (pausedUntil > now) {
            sleep(pausedUntil - now, false);
            return;
        }
        int max = sink.sink() instanceof BatchSink b ? Math.max(1, b.maxBatchSize()) : 1;
        List<OutboxEntry> due = store.read(v -> v.due(sink.name(), now, max));
        if (due.isEmpty()) {
            OptionalLong next = store.read(v -> v.nextDue(sink.name()));
            sleep(next.isPresent() ? Math.min(IDLE_MILLIS, Math.max(1, next.getAsLong() - now)) : IDLE_MILLIS, true);
            return;
        }
        long waitNanos = bucket.reserve(due.size(), System.nanoTime());
        if (waitNanos > 0) {
            sleep((waitNanos + 999_999) / 1_000_000, false);
        }
        if (stopping()) {
            return;
        }
        if (sink.sink() instanceof BatchSink b) {
            deliverBatch(b, due);
        } else {
            deliverOne(due.get(0));
        }
    }

    private void deliverOne(OutboxEntry entry) {
        Event event = decode(entry);
        Outcome outcome;
        if (event == null) {
            outcome = Outcome.dead(UNREADABLE);
        } else {
            try {
                Notification n = bodies.notification(event, entry.route(), entry.severity(), sink, entry.nextAttempt());
                outcome = send(() -> sink.sink().send(n));
            } catch (TemplateException e) {
                outcome = Outcome.dead(e.getMessage());
            }
        }
        if (outcome == null) {
            return;
        }
        Outcome result = outcome;
        String eventId = event == null ? "?" : event.id();
        long now = System.currentTimeMillis();
        long due = store.write(false, tx -> recorder.record(tx, entry, eventId, result, now));
        if (due > 0) {
            pausedUntil = due;
        }
    }

    private void deliverBatch(BatchSink batchSink, List<OutboxEntry> entries) {
        Map<OutboxEntry, Outcome> outcomes = new LinkedHashMap<>();
        Map<OutboxEntry, Event> events = new LinkedHashMap<>();
        Map<String, OutboxEntry> byKey = new LinkedHashMap<>();
        List<Notification> batch = new ArrayList<>();
        for (OutboxEntry e : entries) {
            Event event = decode(e);
            if (event == null) {
                outcomes.put(e, Outcome.dead(UNREADABLE));
                continue;
            }
            events.put(e, event);
            try {
                Notification n = bodies.notification(event, e.route(), e.severity(), sink, e.nextAttempt());
                batch.add(n);
                byKey.put(n.idempotencyKey(), e);
            } catch (TemplateException ex) {
                outcomes.put(e, Outcome.dead(ex.getMessage()));
            }
        }
        if (!batch.isEmpty()) {
            List<Map<String, DeliveryException>> failed = new ArrayList<>(1);
            Outcome whole = send(() -> failed.add(batchSink.sendBatch(batch)));
            if (whole == null) {
                return;
            }
            Map<String, DeliveryException> perKey = failed.isEmpty() || failed.get(0) == null ? Map.of() : failed.get(0);
            byKey.forEach((key, e) -> outcomes.put(e, whole.kind() != Outcome.Kind.DELIVERED ? whole
                    : perKey.containsKey(key) ? Outcome.of(perKey.get(key)) : Outcome.DELIVERED));
        }
        long now = System.currentTimeMillis();
        long due = store.write(false, tx -> {
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<OutboxEntry, Outcome> o : outcomes.entrySet()) {
                Event event = events.get(o.getKey());
                long d = recorder.record(tx, o.getKey(), event == null ? "?" : event.id(), o.getValue(), now);
                if (d > 0) {
                    earliest = Math.min(earliest, d);
                }
            }
            return earliest;
        });
        if (due != Long.MAX_VALUE) {
            pausedUntil = due;
        }
    }

    /** The entry's event, or null when its stored form cannot be read (it is then dead-lettered). */
    private Event decode(OutboxEntry entry) {
        try {
            return entry.decodeEvent();
        } catch (RuntimeException e) {
            LOG.error("Outbox entry {} of sink {} cannot be read", entry.seq(), sink.name(), e);
            return null;
        }
    }

    /** Runs one send; null when the worker was abandoned meanwhile (nothing is recorded then). */
    private Outcome send(Attempt attempt) {
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            inSend = true;
        }
        Outcome outcome;
        try {
            attempt.run();
            outcome = Outcome.DELIVERED;
        } catch (DeliveryException e) {
            outcome = Outcome.of(e);
        } catch (RuntimeException e) {
            outcome = Outcome.unexpected(e);
        } catch (LinkageError e) {
            outcome = Outcome.unexpected(new IllegalStateException("sink bundle is gone: " + e, e));
        }
        synchronized (lock) {
            inSend = false;
            Thread.interrupted();
            return abandoned ? null : outcome;
        }
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Waits up to {@code millis}; stopping always ends the wait, a signal only when asked. */
    private void sleep(long millis, boolean wakeOnSignal) {
        long end = System.currentTimeMillis() + millis;
        synchronized (lock) {
            try {
                for (long left = millis; left > 0 && !stopping && !(wakeOnSignal && signalled);
                     left = end - System.currentTimeMillis()) {
                    lock.wait(left);
                }
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (wakeOnSignal) {
                signalled = false;
            }
        }
    }

    private void join(Duration grace) {
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One call to the sink. */
    @FunctionalInterface
    private interface Attempt {
        void run() throws DeliveryException;
    }
}
