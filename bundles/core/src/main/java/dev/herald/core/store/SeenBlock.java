package dev.herald.core.store;

import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * The stored form of the ids one transaction added for one source instance ({@link SeenIds}):
 * their count, the newest time any of them was seen, then their fingerprints, 8 bytes each.
 * One time per block rather than one per id: the age limit forgets a block as a whole, once its
 * newest id is past it.
 */
final class SeenBlock {
    private static final int HEADER_BYTES = Integer.BYTES + Long.BYTES;

    private SeenBlock() {
    }

    static byte[] encode(LongList fingerprints, long newest) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + Long.BYTES * fingerprints.size());
        b.putInt(fingerprints.size()).putLong(newest);
        for (int i = 0; i < fingerprints.size(); i++) {
            b.putLong(fingerprints.get(i));
        }
        return b.array();
    }

    /**
     * An empty block that ends a log ({@link SeenIds}). Its ids are none and its newest time is the
     * latest possible, so the limits never forget it, and a reader of the ids needs no case for it.
     */
    static byte[] last() {
        return encode(new LongList(), Long.MAX_VALUE);
    }

    /** Whether this is the {@link #last() empty block that ends a log}: every other block has ids. */
    static boolean isLast(byte[] block) {
        return count(block) == 0;
    }

    static int count(byte[] block) {
        return ByteBuffer.wrap(block).getInt(0);
    }

    static long newest(byte[] block) {
        return ByteBuffer.wrap(block).getLong(Integer.BYTES);
    }

    /** Gives each fingerprint of the block, in the order they were added. */
    static void forEachFingerprint(byte[] block, LongConsumer action) {
        ByteBuffer b = ByteBuffer.wrap(block);
        int n = b.getInt(0);
        for (int i = 0; i < n; i++) {
            action.accept(b.getLong(HEADER_BYTES + Long.BYTES * i));
        }
    }
}
