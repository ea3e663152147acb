package dev.herald.core.store;

import java.util.function.LongSupplier;
import org.h2.mvstore.MVMap;

/**
 * The ids one source instance sent recently. On disk they are a log of {@link SeenBlock blocks}
 * in arrival order, one per transaction that added ids, under a key of that transaction: about
 * 8 bytes an id, and remembering ids appends to the log whatever the ids look like (a map
 * keyed by random ids would rewrite a page for nearly every id, and one entry per id costs its key
 * and framing as well). Lookups use an in-memory set of the fingerprints ({@link LongSet}, outside
 * the heap), loaded from the log on first use: 8 to 16 bytes an id, bounded by the retention
 * limits. Used by the store's writer only.
 *
 * <p>The limits forget whole blocks, oldest first: a block goes once the ids after it are at
 * least {@code maxIds}, or once its newest id is older than the age limit. So at least the last
 * {@code maxIds} ids are remembered, and at most one transaction's ids more.
 *
 * <p>The log ends with an empty block ({@link SeenBlock#last()}) under the key after the last
 * block's ({@link LogEnd}), so that a commit does not write the page of the block before again.
 */
final class SeenIds {
    private final String instance;
    private final LongSet fingerprints = new LongSet();
    /** Ids in the stored blocks. */
    private long count;
    /** What this transaction added, written as one block at its end. */
    private final LongList added = new LongList();
    private long newest = Long.MIN_VALUE;
    /** What this transaction's pruning forgot, put back if it rolls back. */
    private final LongList forgotten = new LongList();
    private long countBefore;
    /** What {@link #fetch} read, kept only so that the compiler cannot leave the reads out. */
    private long fetched;

    private SeenIds(String instance) {
        this.instance = instance;
    }

    static SeenIds load(MvMaps maps, String instance) {
        SeenIds s = new SeenIds(instance);
        if (maps.exists(MvMaps.SEEN + instance)) {
            for (byte[] block : maps.seenLog(instance).values()) {
                SeenBlock.forEachFingerprint(block, s.fingerprints::add);
                s.count += SeenBlock.count(block);
            }
        }
        s.countBefore = s.count;
        return s;
    }

    /** Brings the set's slots of these fingerprints into the processor's cache ({@link LongSet#fetch}). */
    void fetch(long[] upcoming) {
        fetched += fingerprints.fetch(upcoming);
    }

    /** Remembers a fingerprint seen at {@code now}; false when it was already remembered. */
    boolean add(long fingerprint, long now) {
        if (!fingerprints.add(fingerprint)) {
            return false;
        }
        added.add(fingerprint);
        newest = Math.max(newest, now);
        return true;
    }

    /**
     * Writes what this transaction added as one block under a new log id, then forgets the oldest
     * blocks beyond {@code maxIds} or older than {@code cutoff}; part of the transaction.
     */
    void finish(MvMaps maps, LongSupplier logIds, long maxIds, long cutoff) {
        MVMap<Long, byte[]> log = maps.seenLog(instance);
        if (!added.isEmpty()) {
            long key = logIds.getAsLong();
            LogEnd.append(log, key, SeenBlock.encode(added, newest), key + 1, SeenBlock.last(), SeenBlock::isLast);
            count += added.size();
        }
        for (Long first = log.firstKey(); first != null; first = log.firstKey()) {
            byte[] oldest = log.get(first);
            if (SeenBlock.isLast(oldest)) {
                if (first.equals(log.lastKey())) {
                    return;
                }
                // an empty block with blocks after it (put other than by appending, as a migration
                // of an older layout would): it holds nothing, and trimming goes on past it
                log.remove(first);
                continue;
            }
            int n = SeenBlock.count(oldest);
            if (count - n < maxIds && SeenBlock.newest(oldest) >= cutoff) {
                return;
            }
            log.remove(first);
            count -= n;
            SeenBlock.forEachFingerprint(oldest, fingerprint -> {
                if (fingerprints.remove(fingerprint)) {
                    forgotten.add(fingerprint);
                }
            });
        }
    }

    /** The transaction's changes are committed: nothing to undo any more. */
    void committed() {
        added.clear();
        forgotten.clear();
        newest = Long.MIN_VALUE;
        countBefore = count;
    }

    /** The transaction was rolled back (and with it the log): undo its changes to the set. */
    void rolledBack() {
        // what it forgot first: its own ids may be among them (a block past the age limit at once)
        for (int i = 0; i < forgotten.size(); i++) {
            fingerprints.add(forgotten.get(i));
        }
        for (int i = 0; i < added.size(); i++) {
            fingerprints.remove(added.get(i));
        }
        count = countBefore;
        committed();
    }
}
