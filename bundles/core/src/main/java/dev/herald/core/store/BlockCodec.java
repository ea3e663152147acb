package dev.herald.core.store;

/**
 * How the body of a stored block ({@link EventBlock}, {@link HistoryBlock}) is compressed, by the
 * number written in the block's header. Zstandard at level 1 where its native library loads,
 * deflate at its fastest level where it does not, and none for bodies too small to gain.
 */
enum BlockCodec {
    NONE(0),
    ZSTD(1),
    DEFLATE(2);

    private static final int ZSTD_LEVEL = 1;

    /** The number a block's header holds for this codec. */
    final int id;

    BlockCodec(int id) {
        this.id = id;
    }

    /** The codec new blocks are compressed with: Zstandard, or deflate where it cannot be loaded. */
    static BlockCodec preferred() {
        return Zstandard.available() ? ZSTD : DEFLATE;
    }

    /**
     * The codec numbered {@code id} in a block of {@code what} ("an event block", ...).
     *
     * @throws IllegalStateException for a number this version does not know
     */
    static BlockCodec of(int id, String what) {
        for (BlockCodec c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new IllegalStateException("a stored " + what + " has codec " + id + ", which this version of Herald"
                + " does not know");
    }

    /** {@code header}, then the first {@code length} bytes of {@code plain} in this codec, in one array. */
    byte[] compress(byte[] header, byte[] plain, int length) {
        return switch (this) {
            case ZSTD -> Zstandard.compress(header, plain, length, ZSTD_LEVEL);
            case DEFLATE -> Deflate.deflate(header, plain, length);
            case NONE -> new BinaryWriter(header.length + length).writeRaw(header).writeRaw(plain, length)
                    .toByteArray();
        };
    }

    /**
     * Decompresses the body that runs from {@code from} to the end of {@code stored} into the
     * first {@code plainLength} bytes of {@code plain}.
     */
    void decompress(byte[] stored, int from, byte[] plain, int plainLength) {
        switch (this) {
            case ZSTD -> Zstandard.decompress(stored, from, plain, plainLength);
            case DEFLATE -> Deflate.inflate(stored, from, plainLength, plain);
            case NONE -> System.arraycopy(stored, from, plain, 0, plainLength);
        }
    }
}
