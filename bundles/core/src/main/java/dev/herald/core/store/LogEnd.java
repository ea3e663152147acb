package dev.herald.core.store;

import java.util.function.Predicate;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.Page;

/**
 * Appends blocks to a log (a map whose keys grow) so that a commit does not write the page of
 * the block before again. MVStore writes a changed page whole, and puts a new key into the page
 * of the greatest key below it; a page is split (into halves, once per put) only when a key goes
 * in and it is over {@link StoreFile#PAGE_SPLIT_BYTES}. So the log ends with an empty block under
 * a key no greater than the next block's, alone in the last page: the next block goes into that
 * small page, the empty block after it is split off into a page of its own, and the page of the
 * block before is not touched.
 */
final class LogEnd {
    private LogEnd() {
    }

    /**
     * Puts {@code block} under {@code key} and {@code empty} under {@code next}, which is greater
     * and the log's new last key, and removes the empty block that ended the log before (if
     * {@code isEmpty} says the last entry is one). A log written before its empty block shared a
     * page with a block (or without one) comes to this shape within one append.
     */
    static void append(MVMap<Long, byte[]> log, long key, byte[] block, long next, byte[] empty,
                       Predicate<byte[]> isEmpty) {
        Long end = log.lastKey();
        boolean endIsEmpty = end != null && isEmpty.test(log.get(end));
        if (endIsEmpty && !lastAlone(log)) {
            // it shares its page with blocks: that page is written again anyway, and without the
            // empty block in it the puts below leave the new block and the new empty one apart
            log.remove(end);
            endIsEmpty = false;
        }
        log.put(key, block);
        log.put(next, empty);
        if (endIsEmpty && end != key && end != next) {
            log.remove(end);
        }
    }

    /** Whether the last page of the map holds one entry. */
    static boolean lastAlone(MVMap<Long, ?> map) {
        Page<Long, ?> p = map.getRootPage();
        while (!p.isLeaf()) {
            p = p.getChildPage(p.getKeyCount());
        }
        return p.getKeyCount() <= 1;
    }
}
