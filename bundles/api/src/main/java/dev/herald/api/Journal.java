package dev.herald.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where sources hand over their events; provided by Herald's core as an OSGi service.
 *
 * <p>{@link #append} (or {@link #startAppend}, to read on while the disk commits) is the single
 * way a source advances: the events, the dedupe of their ids, the routing of each new event and
 * the checkpoint are committed durably as one unit. When it returns, the events are safe; when it
 * throws, nothing of the call was kept and the source should retry from its previous checkpoint.
 */
public interface Journal {

    /**
     * Commits a batch and the source's next checkpoint in one durable transaction. Events whose
     * id was already seen for this instance are dropped and counted as deduplicated.
     *
     * @param sourceInstance the configured name of the source instance
     * @param batch          the events, possibly empty (to move the checkpoint only)
     * @param next           the position to resume from once the batch is safe; may be null to
     *                       leave checkpoints untouched
     * @return how many of the events were new (not deduplicated)
     * @throws JournalException when the store cannot commit; nothing was kept
     */
    int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException;

    /**
     * Starts an {@link #append}: returns once the journal has taken the batch (the caller may then
     * reuse or drop the list), while its commit may still be under way, so that a source can read
     * its next batch meanwhile instead of waiting for the disk.
     *
     * <p>The caller must {@link PendingAppend#await await} it before it starts another append or
     * commit of the same source: a batch that fails must never be followed by a committed one (its
     * checkpoint would skip the failed batch's events). So at most one batch of a source is ever
     * uncommitted, and a crash repeats at most that one, as with {@link #append}. A {@link
     * #batch} can be handed over behind one still under way instead ({@link
     * Batch#startAppend(Checkpoint, Checkpoint, PendingAppend)}), which makes sure of this itself.
     *
     * <p>The default appends at once; core's journal returns before the commit.
     *
     * @throws JournalException when the batch cannot even be started; nothing was kept
     */
    default PendingAppend startAppend(String sourceInstance, List<Event> batch, Checkpoint next)
            throws JournalException {
        int fresh = append(sourceInstance, batch, next);
        return () -> fresh;
    }

    /**
     * A batch the caller fills one event at a time and then hands over as {@link #startAppend}
     * does: for sources that read many records per batch. Core's journal prepares each event as it
     * is added (enrichment, the routes it matches, the form it is stored in), while the record it
     * came from is still in the processor's caches, and keeps only what the commit needs rather
     * than every event's parsed tree until the batch is full. The default collects the events for
     * {@link #startAppend}.
     *
     * @param sourceInstance the configured name of the source instance
     */
    default Batch batch(String sourceInstance) {
        return new CollectedBatch(this, sourceInstance);
    }

    /** Events appended together ({@link #batch}); for one thread, handed over once. */
    interface Batch {
        /**
         * Adds an event.
         *
         * @throws IllegalArgumentException when the event cannot be stored (a detail Jackson cannot
         *                                  write); nothing of it was added
         * @throws IllegalStateException    when the batch was handed over already
         */
        void add(Event event);

        /** How many events were added. */
        int size();

        /**
         * Hands the events over with the source's next checkpoint, as {@link Journal#startAppend}
         * does, with the same duty to await the result before the source's next append.
         *
         * @throws JournalException     when the batch cannot even be started; nothing was kept
         * @throws IllegalStateException when the batch was handed over already
         */
        PendingAppend startAppend(Checkpoint next) throws JournalException;

        /**
         * Hands the events over while the source's batch before, {@code before}, may still be
         * under way: this batch is committed only if that one was, so a source may hand over its
         * next batch without waiting for the disk, and must then await both. If {@code before}
         * fails, this one is refused and nothing of it is kept: its checkpoint never skips the
         * events of a batch that was lost. At most two batches of a source are then uncommitted,
         * and a crash makes the source read both again (none of their events was kept).
         *
         * <p>The default awaits {@code before} and then starts this batch; core's journal hands it
         * to the store at once and checks, when it commits, that the stream's position is the one
         * {@code before} commits.
         *
         * @param next     the source's position once this batch is kept
         * @param previous the position {@code before} commits, of the same stream
         * @param before   the batch of the source handed over just before, not awaited yet
         * @throws JournalException     when {@code before} failed (nothing of either was kept) or
         *                              this batch cannot even be started
         * @throws IllegalStateException when the batch was handed over already
         */
        default PendingAppend startAppend(Checkpoint next, Checkpoint previous, PendingAppend before)
                throws JournalException {
            before.await();
            return startAppend(next);
        }
    }

    /** A batch the journal has taken, whose commit may still be under way ({@link #startAppend}). */
    @FunctionalInterface
    interface PendingAppend {
        /**
         * Waits for the commit; waiting again gives the same outcome.
         *
         * @return how many of the events were new, as {@link #append} returns
         * @throws JournalException when the store could not commit; nothing of the batch was kept
         */
        int await() throws JournalException;
    }

    /** The position of a single-stream source, if one was ever committed. */
    default Optional<Checkpoint> checkpoint(String sourceInstance) {
        return checkpoint(sourceInstance, "");
    }

    /** The position of one stream of a source, if one was ever committed. */
    Optional<Checkpoint> checkpoint(String sourceInstance, String stream);

    /** Every committed stream position of a source: stream name to position. */
    Map<String, String> checkpoints(String sourceInstance);

    /** Forgets one stream's position (a source then starts that stream afresh). */
    void removeCheckpoint(String sourceInstance, String stream) throws JournalException;

    /**
     * Records a record the source could not turn into an event (malformed JSON, a truncated
     * gzip, a missing field): kept with its location and reason so that nothing disappears
     * silently, counted, and shown by the shell and the web console.
     *
     * @param sourceInstance the configured name of the source instance
     * @param location       where it was: a file and line, a bucket, key and line, …
     * @param reason         what is wrong, in words a user can act on; possibly truncated like content
     * @param content        the offending text, possibly truncated by the journal
     */
    void quarantine(String sourceInstance, String location, String reason, String content);

    /**
     * As {@link #quarantine(String, String, String, String)}, saying whether {@code content} is the
     * whole record: a record stored whole can be retried once its cause is fixed ({@link
     * dev.herald.api.source.QuarantineRetry}), one of which only a part was kept (a record too
     * large to read, the start of a broken JSON document) cannot.
     *
     * @param whole whether {@code content} is the record's whole text
     */
    default void quarantine(String sourceInstance, String location, String reason, String content, boolean whole) {
        quarantine(sourceInstance, location, reason, content);
    }

    /**
     * Says what keeps the source from reading right now (access denied, an unreachable host, a
     * region that is not enabled), in words a user can act on; {@code null} once it reads again.
     * Shown by {@code herald:status} and {@code herald:sources} until cleared; not persisted.
     *
     * @param sourceInstance the configured name of the source instance
     * @param problem        the problem, or null to clear it
     */
    default void problem(String sourceInstance, String problem) {
    }
}
