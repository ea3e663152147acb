package dev.herald.core.store;

import java.nio.ByteBuffer;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * The seen-id log of earlier versions: one entry per id (log id to fingerprint and time, 16
 * bytes), about twice the space of {@link SeenBlock blocks}. Moved to blocks once, at open, in
 * the commit that opens the store, so a crash before it leaves the old log for the next start.
 */
final class PerIdSeenLog {
    static final String PREFIX = "seenlog.";
    /** Ids per block moved: large enough to cost little space, small enough to be forgotten in steps. */
    static final int BLOCK = 4096;

    private PerIdSeenLog() {
    }

    /** Moves every instance's per-id log to blocks; the caller commits. */
    static void migrate(MvMaps maps) {
        for (String instance : maps.namesAfter(PREFIX)) {
            MVMap<Long, byte[]> old = maps.log(PREFIX + instance);
            MVMap<Long, byte[]> blocks = maps.seenLog(instance);
            LongList fingerprints = new LongList();
            long firstKey = 0;
            long newest = Long.MIN_VALUE;
            for (Map.Entry<Long, byte[]> e : old.entrySet()) {
                if (fingerprints.isEmpty()) {
                    firstKey = e.getKey();
                }
                ByteBuffer entry = ByteBuffer.wrap(e.getValue());
                fingerprints.add(entry.getLong(0));
                newest = Math.max(newest, entry.getLong(Long.BYTES));
                if (fingerprints.size() == BLOCK) {
                    blocks.put(firstKey, SeenBlock.encode(fingerprints, newest));
                    fingerprints.clear();
                    newest = Long.MIN_VALUE;
                }
            }
            if (!fingerprints.isEmpty()) {
                blocks.put(firstKey, SeenBlock.encode(fingerprints, newest));
            }
            maps.remove(PREFIX + instance);
        }
    }
}
