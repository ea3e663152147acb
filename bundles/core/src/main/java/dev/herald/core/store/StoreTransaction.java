package dev.herald.core.store;

import dev.herald.api.Checkpoint;
import dev.herald.api.Severity;
import dev.herald.api.admin.DeliveryView;
import java.util.List;
import java.util.Set;

/** Read and write access inside one {@link Store#write} transaction. */
public interface StoreTransaction extends StoreView {

    /**
     * Remembers event ids for a source instance, in order.
     *
     * @param fingerprints each id's fingerprint, made by {@code madeBy} ({@link Store#idFingerprints})
     *                     on the caller's thread; the array may be written to
     * @return for each id, false when it was already remembered (a duplicate: sent before, or
     *         earlier in {@code ids})
     */
    boolean[] markSeen(String instance, List<String> ids, long[] fingerprints, IdFingerprints madeBy, long now);

    /**
     * Adds an event to the event log, where it stays while outbox entries or dead letters refer
     * to it and, after that, until it is past the retention.
     *
     * @param received when it was received (epoch millis); the log holds it at the last event's
     *                 time if the clock stepped back
     * @param routes   the routes it matched
     * @param event    the serialized event ({@link EventCodec#encodeInParts})
     * @return its key, for {@link #enqueue}
     */
    long appendEvent(long received, List<String> routes, EncodedEvent event);

    /** {@link #appendEvent(long, List, EncodedEvent)} for an event serialized into one array ({@link EventCodec#encode}). */
    default long appendEvent(long received, List<String> routes, byte[] event) {
        return appendEvent(received, routes, EncodedEvent.whole(event));
    }

    /** Adds a new outbox entry for the logged event {@code eventKey}, due at {@code now}. */
    OutboxEntry enqueue(String sink, String route, Severity severity, long eventKey, long now);

    /**
     * Adds one new outbox entry for the logged event {@code eventKey}, due at {@code now}, sent to
     * the sink by all of {@code routes} (in route order, at least one).
     */
    OutboxEntry enqueue(String sink, List<String> routes, Severity severity, long eventKey, long now);
    /** Like {@link #enqueue}, for a replay: the entry's idempotency key is scoped to {@code replay}. */
    OutboxEntry enqueueReplay(String sink, String route, Severity severity, long eventKey, long now, String replay);

    /**
     * Adds a new outbox entry that sends a group window's events as one notification, due at
     * {@code now}, sent to the sink by all of {@code routes} (in route order, at least one).
     */
    OutboxEntry enqueueDigest(String sink, List<String> routes, Severity severity, Digest digest, long now);

    /**
     * Stores a group (new or changed) under its id, indexed by when it is due, and keeps the events
     * it names; a new group (sequence 0) is given its sequence.
     *
     * @return the group as stored
     */
    Group putGroup(Group group);

    /** Removes a group; false when it was not there. */
    boolean removeGroup(String id);

    /** Stores an entry (new or rescheduled) under its due time and sequence. */
    void putOutbox(OutboxEntry entry);

    /** Removes an entry; false when it was not there. */
    boolean removeOutbox(OutboxEntry entry);

    /**
     * Removes up to {@code max} entries of a sink's outbox whose sequence is at most {@code upToSeq}
     * (entries created after that are kept); returns how many.
     */
    int removeOutbox(String sink, long upToSeq, int max);

    void putCheckpoint(String instance, Checkpoint checkpoint);

    /** Removes one stream's position, or all of the instance's when {@code stream} is null. */
    int removeCheckpoints(String instance, String stream);

    void count(Counter.Scope scope, String name, Counter counter, long delta);

    void addHistory(DeliveryView delivery);

    DeadLetter addDeadLetter(OutboxEntry entry, String reason, long now);

    /** Removes a dead letter; returns it when it was there. */
    DeadLetter removeDeadLetter(String sink, long id);

    /** Moves a dead letter back into its outbox from attempt 1; false when it was not there. */
    boolean retryDeadLetter(String sink, long id, long now);

    /** @param truncated whether {@code content} is not the whole record */
    void addQuarantine(String instance, String location, String reason, String content, boolean truncated, long now);

    /** Gives a quarantined record a new reason (a retry failed again); false when it is gone. */
    boolean requarantine(long id, String reason);

    /**
     * Removes up to {@code max} quarantined records, oldest first, numbered at most {@code upToId}
     * (records quarantined after that are kept).
     *
     * @param source null for every source's records
     * @param ids    null for every record of that source, else only these
     * @return how many were removed
     */
    int removeQuarantine(String source, Set<Long> ids, long upToId, int max);

    /** Adds a silence under a new id, which the returned silence carries. */
    Silence addSilence(String pattern, List<String> sinks, long start, long end, String comment, String creator);

    /** Replaces a stored silence (one expired early); false when it is not there. */
    boolean putSilence(Silence silence);

    /** Deletes silences that ended before {@code endedBefore}; returns how many. */
    int purgeSilences(long endedBefore);

    void markAppend(String instance, long now);

    void markDelivered(String sink, long now);

    void markFailed(String sink, String reason);

    /**
     * Runs {@code undo} on the store's writer, before any other write, if this transaction is
     * rolled back (its work or its commit failed): for state kept in memory beside the store.
     */
    void onRollback(Runnable undo);

    /**
     * Runs {@code then} on the store's writer once this transaction is committed, and never if it
     * is rolled back: for telling others what the transaction did only once it is kept. It must
     * only signal, never block or touch the store.
     */
    void onCommit(Runnable then);

    /**
     * Runs {@code then} once this transaction is on disk, and never if it is rolled back: for
     * timing commits. A durable write with fsync on is forced to disk off the writer, and {@code
     * then} runs on the thread that forced it, before the write's caller learns it is kept; any
     * other write runs it on the writer right after {@link #onCommit}'s. It must only signal.
     */
    void onDurable(Runnable then);
}
