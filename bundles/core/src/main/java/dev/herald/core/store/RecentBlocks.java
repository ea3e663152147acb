package dev.herald.core.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event log's blocks the writer committed last, plain, as a reader would inflate them: a sink
 * that keeps up reads the events of the blocks just written, and decompressing each of those
 * blocks again cost the store's readers about a second per million CloudTrail-sized events. At
 * most the last {@value #KEPT} blocks (about 2 MB) are kept.
 *
 * <p>A block is added only once the transaction that wrote it committed (a rolled back
 * transaction's keys are taken again by the next one). A reader takes a block from here only when
 * the stored block under its key holds as many events ({@link EventLogReader}): a block is never
 * changed once written, but a compaction may write a larger one under the same key.
 */
final class RecentBlocks {
    static final int KEPT = 32;

    private final Map<Long, EventBlock.Inflated> byKey = new ConcurrentHashMap<>();
    /** Keys in the order they were added, oldest first. */
    private final ArrayDeque<Long> order = new ArrayDeque<>();

    /** Adds the blocks a transaction wrote, once it committed; drops the oldest beyond {@link #KEPT}. */
    synchronized void committed(List<EventBlock.Inflated> blocks) {
        for (EventBlock.Inflated b : blocks) {
            if (byKey.put(b.firstKey(), b) == null) {
                order.addLast(b.firstKey());
            }
        }
        while (order.size() > KEPT) {
            byKey.remove(order.removeFirst());
        }
    }

    /** The block whose first key is {@code firstKey}, when it is among the last committed; else null. */
    EventBlock.Inflated get(long firstKey) {
        return byKey.get(firstKey);
    }
}
