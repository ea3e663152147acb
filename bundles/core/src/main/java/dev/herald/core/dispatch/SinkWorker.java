package dev.herald.core.dispatch;

import dev.herald.api.BatchSink;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.Pending;
import dev.herald.core.store.Store;
import dev.herald.core.template.TemplateException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one sink's outbox on its own thread: takes due entries in (due, sequence) order, paces
 * them to the sink's rate, renders and sends them, and records each outcome. After a retryable
 * failure it pauses until the entry is due again, so a peer that is down is not hammered; while
 * paused it still dead-letters the entries that grow too old to wait any longer.
 *
 * <p>A worker that replaces others of the same sink name (a sink service updated or replaced)
 * waits until they have ended before it touches the outbox, so an entry in flight in the old
 * one is never sent again by the new one.
 *
 * <p>The thread is interrupted only while a send is in flight and the worker is being abandoned
 * at shutdown (it then leaves that entry as it was, to be retried later, and never touches the
 * store again), or while it waits for its predecessors and is asked to stop.
 */
final class SinkWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    private static final long IDLE_MILLIS = 60_000;
    private static final long AFTER_ERROR_MILLIS = 5_000;
    /** The least time between two sweeps for too old entries: each reads the whole outbox. */
    private static final long SWEEP_INTERVAL_MILLIS = 60_000;
    private static final int SWEEP_BATCH = 500;
    private static final String UNREADABLE = "the stored event cannot be read";

    private final SinkHandle sink;
    private final Store store;
    private final Bodies bodies;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final List<SinkWorker> predecessors;
    private final TokenBucket bucket;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean signalled;
    private boolean stopping;
    private boolean inSend;
    private boolean waitingForPredecessors;
    private boolean abandoned;
    private long pausedUntil;
    private String pauseReason;
    private long nextSweep;

    /**
     * @param predecessors workers of the same sink name that are stopping: this one starts
     *                     delivering once they have all ended
     */
    SinkWorker(SinkHandle sink, Store store, Bodies bodies, OutcomeRecorder recorder, Clock clock,
               List<SinkWorker> predecessors) {
        this.sink = sink;
        this.store = store;
        this.bodies = bodies;
        this.recorder = recorder;
        this.clock = clock;
        this.predecessors = List.copyOf(predecessors);
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

    boolean isAlive() {
        return thread.isAlive();
    }

    /** New entries may be due: wake up if idle. */
    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /**
     * Asks the worker to stop without waiting: it sends nothing new, but a send in flight runs to
     * its end and its outcome is recorded.
     */
    void requestStop() {
        synchronized (lock) {
            stopping = true;
            if (waitingForPredecessors) {
                thread.interrupt();
            }
            lock.notifyAll();
        }
    }

    /** Waits until the worker has ended or {@code deadlineNanos} ({@link System#nanoTime}) passed. */
    boolean awaitEnd(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            while (thread.isAlive() && left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
                left = deadlineNanos - System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * Gives up on a send still in flight (at shutdown): it is interrupted, its outcome is not
     * recorded and its entry stays in the outbox, to be tried again later.
     */
    void abandon() {
        synchronized (lock) {
            abandoned = true;
            if (inSend) {
                thread.interrupt();
            }
        }
    }

    @Override
    public void run() {
        if (!awaitPredecessors()) {
            return;
        }
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

    /** Waits until the replaced workers have ended; false when asked to stop meanwhile. */
    private boolean awaitPredecessors() {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            waitingForPredecessors = true;
        }
        try {
            for (SinkWorker p : predecessors) {
                p.thread.join();
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            synchronized (lock) {
                waitingForPredecessors = false;
                Thread.interrupted();
            }
        }
    }

    private void step() {
        long now = clock.millis();
        if (pausedUntil > now) {
            if (now >= nextSweep) {
                nextSweep = sweep(now);
            }
            // a signal only makes it look at the clock again: new entries wait for the pause
            sleep(Math.min(pausedUntil, nextSweep) - now, true);
            return;
        }
        int max = sink.sink() instanceof BatchSink b ? Math.max(1, b.maxBatchSize()) : 1;
        List<OutboxEntry> due = store.read(v -> v.due(sink.name(), now, max));
        if (due.isEmpty()) {
            OptionalLong next = store.read(v -> v.nextDue(sink.name()));
            sleep(next.isPresent() ? Math.min(IDLE_MILLIS, Math.max(1, next.getAsLong() - now)) : IDLE_MILLIS, true);
            return;
        }
        if (sink.sink() instanceof BatchSink b) {
            deliverBatches(b, due, max);
        } else if (pace(1)) {
            deliverOne(due.get(0));
        }
    }

    /** Waits for the sink's rate to allow {@code n} more sends; false when asked to stop meanwhile. */
    private boolean pace(int n) {
        long waitNanos = bucket.reserve(n, System.nanoTime());
        if (waitNanos > 0) {
            sleep((waitNanos + 999_999) / 1_000_000, false);
        }
        return !stopping();
    }

    /**
     * Dead-letters the entries that are too old to wait for the pause to end.
     *
     * @return when to sweep again: when the oldest remaining entry becomes too old, but not
     *         sooner than a while from now, since each sweep reads the whole outbox
     */
    private long sweep(long now) {
        List<OutboxEntry> old;
        do {
            // tooOld: enqueued at or before now - maxAge
            long cutoff = now - recorder.maxAgeMillis() + 1;
            old = store.read(v -> v.enqueuedBefore(sink.name(), cutoff, Long.MAX_VALUE, SWEEP_BATCH)).stream()
                    .sorted(Comparator.comparingLong(OutboxEntry::enqueuedAt).thenComparingLong(OutboxEntry::seq))
                    .toList();
            List<OutboxEntry> expiring = old;
            store.write(false, tx -> {
                for (OutboxEntry e : expiring) {
                    Event event = decode(e);
                    recorder.expire(tx, e, event == null ? "?" : event.id(), pauseReason, now);
                }
                return null;
            });
        } while (old.size() == SWEEP_BATCH && !stopping());
        // entries enqueued from now on become too old no sooner than this
        long soonest = now + Math.min(SWEEP_INTERVAL_MILLIS, recorder.maxAgeMillis());
        OptionalLong oldest = store.read(v -> v.oldestEnqueued(sink.name()));
        return oldest.isEmpty() ? soonest : Math.max(recorder.expiresAt(oldest.getAsLong()), soonest);
    }

    private void deliverOne(OutboxEntry entry) {
        Event event = decode(entry);
        Outcome outcome;
        if (event == null) {
            outcome = Outcome.dead(UNREADABLE);
        } else {
            try {
                Notification n = bodies.notification(event, entry.routes(), entry.severity(), sink, entry.nextAttempt(),
                        entry.replay(), digestId(entry), DigestEvents.of(store, entry, event), entry.seq());
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
        long now = clock.millis();
        long due = store.write(false, tx -> recorder.record(tx, entry, eventId, result, now));
        if (due > 0) {
            pause(due, result.reason());
        }
    }

    /**
     * Delivers {@code first} and, while batches keep coming full, the batches after it, with the
     * store's work overlapping the sink thread's: the next batch is read (on a store reader) while
     * this one is rendered and sent, and the outcomes of a batch are committed (on the store's
     * writer) while the next one is rendered.
     *
     * <p>What a crash may repeat stays one batch: a batch is sent only once the commit of the
     * batch before it has returned, so at any moment at most one batch has been (or is being) sent
     * without its outcomes on disk. A kill during the send of batch N+1, or before its commit, finds
     * batch N removed from the outbox and repeats only batch N+1, as without the overlap. Reading
     * and rendering send nothing, so they may run ahead; the next batch is read from after the last
     * key of this one, since this one is still in the outbox until its commit.
     */
    private void deliverBatches(BatchSink batchSink, List<OutboxEntry> first, int max) {
        List<OutboxEntry> entries = first;
        InFlight committing = null;
        try {
            while (true) {
                // the next batch can be read now: it starts after this one, whatever happens to this one
                Pending<List<OutboxEntry>> next = entries.size() < max ? null : readAfter(entries, max);
                Prepared prepared = prepare(entries);
                if (committing != null) {
                    InFlight last = committing;
                    committing = null;
                    if (recorded(last)) {
                        return; // paused: the next batch waits in the outbox
                    }
                }
                if (!pace(entries.size())) {
                    return;
                }
                committing = sendAndCommit(batchSink, prepared);
                if (committing == null || next == null) {
                    return;
                }
                entries = next.await();
                if (entries.isEmpty() || stopping()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            if (committing != null) {
                try {
                    committing.due().await();
                } catch (RuntimeException also) {
                    e.addSuppressed(also);
                }
                committing = null;
            }
            throw e;
        } finally {
            if (committing != null) {
                recorded(committing);
            }
        }
    }

    /** Starts reading the due entries after the last of {@code entries}. */
    private Pending<List<OutboxEntry>> readAfter(List<OutboxEntry> entries, int max) {
        OutboxEntry last = entries.get(entries.size() - 1);
        long now = clock.millis();
        return store.submitRead(v -> v.due(sink.name(), now, max, last));
    }

    /** Decodes and renders a batch; entries that cannot be have their outcome (dead) already. */
    private Prepared prepare(List<OutboxEntry> entries) {
        // sized for every entry: growing them was a tenth of the sink thread's samples in a drain
        Prepared p = new Prepared(new LinkedHashMap<>(capacity(entries.size())),
                new LinkedHashMap<>(capacity(entries.size())), new LinkedHashMap<>(capacity(entries.size())),
                new ArrayList<>(entries.size()));
        for (OutboxEntry e : entries) {
            Event event = decode(e);
            if (event == null) {
                p.outcomes.put(e, Outcome.dead(UNREADABLE));
                continue;
            }
            p.events.put(e, event);
            try {
                Notification n = bodies.notification(event, e.routes(), e.severity(), sink, e.nextAttempt(), e.replay(),
                        digestId(e), DigestEvents.of(store, e, event), e.seq());
                p.batch.add(n);
                p.byKey.put(n.idempotencyKey(), e);
            } catch (TemplateException ex) {
                p.outcomes.put(e, Outcome.dead(ex.getMessage()));
            }
        }
        return p;
    }

    /**
     * Sends a prepared batch and submits the commit of its outcomes without waiting for it; null
     * when the worker was abandoned during the send (nothing is recorded then).
     */
    private InFlight sendAndCommit(BatchSink batchSink, Prepared p) {
        if (!p.batch.isEmpty()) {
            List<Map<String, DeliveryException>> failed = new ArrayList<>(1);
            Outcome whole = send(() -> failed.add(batchSink.sendBatch(p.batch)));
            if (whole == null) {
                return null;
            }
            Map<String, DeliveryException> perKey = failed.isEmpty() || failed.get(0) == null ? Map.of() : failed.get(0);
            p.byKey.forEach((key, e) -> p.outcomes.put(e, whole.kind() != Outcome.Kind.DELIVERED ? whole
                    : perKey.containsKey(key) ? Outcome.of(perKey.get(key)) : Outcome.DELIVERED));
        }
        long now = clock.millis();
        Pending<Long> due = store.submit(false, tx -> {
            long earliest = Long.MAX_VALUE;
            for (Map.Entry<OutboxEntry, Outcome> o : p.outcomes.entrySet()) {
                Event event = p.events.get(o.getKey());
                long d = recorder.record(tx, o.getKey(), event == null ? "?" : event.id(), o.getValue(), now);
                if (d > 0) {
                    earliest = Math.min(earliest, d);
                }
            }
            return earliest;
        });
        return new InFlight(due, p.outcomes);
    }

    /** Waits for a batch's commit; true when it paused the worker (an entry is to be retried later). */
    private boolean recorded(InFlight batch) {
        long due = batch.due().await();
        if (due == Long.MAX_VALUE) {
            return false;
        }
        pause(due, batch.outcomes().values().stream().filter(o -> o.kind() == Outcome.Kind.RETRY)
                .map(Outcome::reason).findFirst().orElse(null));
        return true;
    }

    /** Sends nothing until {@code until}, because of a retryable failure. */
    private void pause(long until, String reason) {
        pausedUntil = until;
        pauseReason = reason;
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

    private static String digestId(OutboxEntry entry) {
        return entry.digest() == null ? null : entry.digest().id();
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

    /** A hash map's initial capacity for {@code n} mappings, so that it never grows. */
    private static int capacity(int n) {
        return (int) (n / 0.75f) + 1;
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /**
     * Waits up to {@code millis} (at most {@link #IDLE_MILLIS}: the caller looks at the clock
     * again); stopping always ends the wait, a signal only when asked.
     */
    private void sleep(long millis, boolean wakeOnSignal) {
        long end = System.nanoTime() + Math.min(millis, IDLE_MILLIS) * 1_000_000;
        synchronized (lock) {
            try {
                for (long left = Math.min(millis, IDLE_MILLIS); left > 0 && !stopping && !(wakeOnSignal && signalled);
                     left = (end - System.nanoTime()) / 1_000_000) {
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

    /** A batch decoded and rendered: its notifications by key, and the outcomes known before sending. */
    private record Prepared(Map<OutboxEntry, Outcome> outcomes, Map<OutboxEntry, Event> events,
                            Map<String, OutboxEntry> byKey, List<Notification> batch) {
    }

    /** A batch sent, the commit of its outcomes under way: when the earliest is due again, MAX_VALUE for none. */
    private record InFlight(Pending<Long> due, Map<OutboxEntry, Outcome> outcomes) {
    }

    /** One call to the sink. */
    @FunctionalInterface
    private interface Attempt {
        void run() throws DeliveryException;
    }
}
