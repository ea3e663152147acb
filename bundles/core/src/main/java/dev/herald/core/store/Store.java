package dev.herald.core.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Herald's durable state: dedupe ids, outboxes, dead letters, recent events, delivery history,
 * checkpoints, quarantine and counters. The embedded implementation is {@link MvStore}; a shared
 * database could replace it.
 *
 * <p>All writes run one at a time; each {@link #write} is one atomic commit. Callers may be
 * interrupted at any time without harming the store.
 */
public interface Store extends AutoCloseable {

    /** Where the store lives, for operators. */
    String location();

    /**
     * A maker of the fingerprints {@link StoreTransaction#markSeen} takes, with the key of the store
     * open now: one per batch, as the store may be replaced between two.
     */
    IdFingerprints idFingerprints();

    /**
     * What an operator must know about the store, empty when all is well: it was found corrupt
     * at start and replaced (what was lost), or writes to it fail now (why, and what to do).
     */
    List<String> problems();

    /**
     * Runs {@code work} as one transaction and commits it; on any exception nothing of it is kept.
     *
     * @param durable whether the commit must be on disk before this returns (journal appends)
     * @throws StoreException when the work failed or the commit did not succeed
     */
    default <T> T write(boolean durable, Function<StoreTransaction, T> work) {
        return submit(durable, work).await();
    }

    /**
     * Starts {@link #write} on the store's writer and returns at once, so that the caller can feed
     * the work while it runs; {@link Pending#await()} gives the outcome.
     */
    <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work);

    /**
     * Like {@link #submit}, but ahead of every write that waits (in order among those submitted
     * so): for small interactive batches, such as a push endpoint's, which must not queue behind
     * bulk batches and deliveries.
     */
    default <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
        return submit(durable, work);
    }

    /** Runs a read-only query; what it returns must not refer to the view. */
    <T> T read(Function<StoreView, T> query);

    /**
     * Starts {@link #read} on one of the store's readers and returns at once, so that the caller
     * can work meanwhile (a sink's worker reads its next batch while it sends the last one);
     * {@link Pending#await()} gives the result. This default runs the query at once.
     */
    default <T> Pending<T> submitRead(Function<StoreView, T> query) {
        T result = read(query);
        return () -> result;
    }

    /**
     * Called with a sink's name after a commit that added entries to its outbox, on the store's
     * writer: a listener must only signal, never block or touch the store.
     */
    void addOutboxListener(Consumer<String> listener);

    void removeOutboxListener(Consumer<String> listener);

    /** Commits what is pending and releases the store. */
    @Override
    void close();
}
