package dev.herald.core.store;

/**
 * The stored form of the ids one transaction added for one source instance ({@link SeenIds}):
 * their count, the newest time any of them was seen, then their fingerprints, 8 bytes each.
 * One time per block rather than one per id: the age limit forgets a block as a whole, once its
 * newest id is past it.
 */
final class SeenBlock {
    private static final int HEADER_BYTES = 12;

    private SeenBlock() {
    }

    static byte[] encode(long[] fingerprints, int count, long newest) {
        byte[] b = new byte[HEADER_BYTES + 8 * count];
        writeInt(b, count);
        writeLong(b, 4, newest);
        for (int i = 0; i < count; i++) {
            writeLong(b, HEADER_BYTES + 8 * i, fingerprints[i]);
        }
        return b;
    }

    static int count(byte[] block) {
        return (block[0] & 0xFF) << 24 | (block[1] & 0xFF) << 16 | (block[2] & 0xFF) << 8 | block[3] & 0xFF;
    }

    static long newest(byte[] block) {
        return readLong(block, 4);
    }

    static long fingerprint(byte[] block, int i) {
        return readLong(block, HEADER_BYTES + 8 * i);
    }

    private static void writeInt(byte[] b, int v) {
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static void writeLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    /** The big-endian long at {@code at}. */
    static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xFFL);
        }
        return v;
    }
}
