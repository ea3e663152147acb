package dev.herald.core.store;

import dev.herald.api.admin.DeliveryView;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The delivery history: a log of {@link HistoryBlock blocks}, one per transaction that added
 * deliveries, under a key of that transaction ({@link MvMaps#HISTORY_BLOCKS}). One record per
 * delivery cost a drain's commit hundreds of puts, and as many removes for the trimming, all of
 * them dead in the file at the next commit; a block is one put and the trimming one remove.
 *
 * <p>Trimming drops whole blocks, oldest first, once the blocks after them hold at least
 * {@code history_size} deliveries: a block partly past the limit stays until it is wholly past
 * it, and readers stop at the limit themselves ({@link MvView#history}). Each block carries the
 * total of deliveries up to it ({@link HistoryBlock#total}), so that a commit reads the oldest
 * block and the last, not every block in between (a sink delivering one event per commit makes
 * {@code history_size} blocks of one).
 *
 * <p>The log ends with an empty block ({@link HistoryBlock#last(long)}) under the key after the last
 * block's ({@link LogEnd}), so that a commit does not write the page of the block before again.
 *
 * <p>Stores written before hold one record per delivery in {@link MvMaps#HISTORY}. They are read
 * as they are, after the blocks (they are older than any block), and cleared once the blocks
 * hold {@code history_size} deliveries, rather than moved into blocks: they go out of the
 * history within a few commits anyway, and a move would write them again for nothing.
 */
final class History {
    private History() {
    }

    /**
     * Writes {@code added} (oldest first, at most {@code historySize}) as one block under {@code key},
     * then drops the blocks and old records past {@code historySize}; part of the transaction.
     */
    static void append(MvMaps maps, long key, List<DeliveryView> added, int historySize) {
        MVMap<Long, byte[]> log = maps.log(MvMaps.HISTORY_BLOCKS);
        Long end = log.lastKey();
        long total = (end == null ? 0 : HistoryBlock.total(log.get(end))) + added.size();
        LogEnd.append(log, key, HistoryBlock.encode(added, total), key + 1, HistoryBlock.last(total),
                HistoryBlock::isLast);
        byte[] oldest = log.get(log.firstKey());
        // the total less the oldest block's: what the blocks after it hold
        while (!HistoryBlock.isLast(oldest) && total - HistoryBlock.total(oldest) >= historySize) {
            log.remove(log.firstKey());
            oldest = log.get(log.firstKey());
        }
        long held = total - (HistoryBlock.total(oldest) - HistoryBlock.count(oldest));
        if (held >= historySize && maps.exists(MvMaps.HISTORY)) {
            MVMap<Long, byte[]> records = maps.log(MvMaps.HISTORY);
            if (!records.isEmpty()) {
                records.clear();
            }
        }
    }

    /** Adds to {@code out} the newest deliveries of the blocks, newest first, until it holds {@code limit}. */
    static void newest(MvMaps maps, int limit, List<DeliveryView> out) {
        if (out.size() >= limit || !maps.exists(MvMaps.HISTORY_BLOCKS)) {
            return;
        }
        MVMap<Long, byte[]> log = maps.log(MvMaps.HISTORY_BLOCKS);
        Long last = log.lastKey();
        if (last == null) {
            return;
        }
        for (Cursor<Long, byte[]> c = log.cursor(last, null, true); out.size() < limit && c.hasNext(); ) {
            c.next();
            List<DeliveryView> block = HistoryBlock.decode(c.getValue());
            for (int i = block.size() - 1; i >= 0 && out.size() < limit; i--) {
                out.add(block.get(i));
            }
        }
    }
}
