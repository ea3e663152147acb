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
