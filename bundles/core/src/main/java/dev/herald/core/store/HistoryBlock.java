package dev.herald.core.store;

import dev.herald.api.admin.DeliveryView;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of the deliveries one transaction added to the history ({@link History}):
 * the codec, the count of deliveries, the total (the deliveries of this block and of every
 * block before it, trimmed or not), the length of the plain body (variable-length numbers),
 * then the body, compressed or as it is. The body is the deliveries oldest first, each as
 * {@link RecordCodec#delivery(BinaryWriter, DeliveryView)} writes a record of the history.
 * The total tells how many deliveries the blocks after a block hold without reading them.
 *
 * <p>A block's deliveries share their sinks, routes and outcomes: Zstandard at level 1 made the
 * blocks of a 1M-line Illumio bench's drain (hundreds of deliveries each) 31 times smaller
 * (3.4 KB for 1,332 deliveries; 81 KB for 1,000 as records). A block of a delivery or two gains
 * nothing and is kept as it is; so is any block compression would not make smaller.
 */
final class HistoryBlock {
    /** The body as it is: small blocks, and the empty block that ends the history ({@link #last(long)}). */
    private static final int NONE = 0;
    private static final int ZSTD = 1;
    /** Where Zstandard's native library cannot be loaded. */
    private static final int DEFLATE = 2;
    private static final int ZSTD_LEVEL = 1;
    /** Bodies smaller than this are kept as they are: a frame's own bytes would eat what it saves. */
    private static final int COMPRESS_FROM = 128;

    private HistoryBlock() {
    }

    /** The block of {@code deliveries}, oldest first, which bring the history's total to {@code total}. */
    static byte[] encode(List<DeliveryView> deliveries, long total) {
        BinaryWriter body = new BinaryWriter(64 * deliveries.size() + 16);
        for (DeliveryView d : deliveries) {
            RecordCodec.delivery(body, d);
        }
        if (body.length() >= COMPRESS_FROM) {
            boolean zstd = Zstandard.available();
            byte[] header = header(zstd ? ZSTD : DEFLATE, deliveries.size(), total, body.length());
            byte[] packed = zstd ? Zstandard.compress(header, body.array(), body.length(), ZSTD_LEVEL)
                    : Deflate.deflate(header, body.array(), body.length());
            if (packed.length < header.length + body.length()) {
                return packed;
            }
        }
        return new BinaryWriter(body.length() + 24).writeRaw(header(NONE, deliveries.size(), total, body.length()))
                .writeRaw(body.array(), body.length()).toByteArray();
    }

    private static byte[] header(int codec, int count, long total, int plainLength) {
        return new BinaryWriter(24).writeByte(codec).writeVarLong(count).writeVarLong(total).writeVarLong(plainLength)
                .toByteArray();
    }

    /**
     * An empty block that ends the history, under the key after the last block's ({@link LogEnd}),
     * so that a commit does not write the page of the block before again. It carries the total,
     * so that the next block's is read from it.
     */
    static byte[] last(long total) {
        return header(NONE, 0, total, 0);
    }

    /** Whether this is the {@link #last(long) empty block that ends the history}: every other block has deliveries. */
    static boolean isLast(byte[] block) {
        return count(block) == 0;
    }

    /** How many deliveries the block holds, read from its plain header. */
    static int count(byte[] block) {
        BinaryReader r = new BinaryReader(block);
        codec(r);
        return r.readVarInt();
    }

    /** The deliveries of this block and of every block before it, read from its plain header. */
    static long total(byte[] block) {
        BinaryReader r = new BinaryReader(block);
        codec(r);
        r.readVarLong();
        return r.readVarLong();
    }

    /** The block's deliveries, oldest first. */
    static List<DeliveryView> decode(byte[] block) {
        BinaryReader r = new BinaryReader(block);
        int codec = codec(r);
        int count = r.readVarInt();
        r.readVarLong();
        int plainLength = r.readVarInt();
        BinaryReader body;
        if (codec == NONE) {
            body = new BinaryReader(block, r.position());
        } else {
            byte[] plain = new byte[plainLength];
            if (codec == ZSTD) {
                Zstandard.decompress(block, r.position(), plain, plainLength);
            } else {
                Deflate.inflate(block, r.position(), plainLength, plain);
            }
            body = new BinaryReader(plain);
        }
        List<DeliveryView> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(RecordCodec.delivery(body));
        }
        return out;
    }

    private static int codec(BinaryReader r) {
        int codec = r.readByte();
        if (codec != NONE && codec != ZSTD && codec != DEFLATE) {
            throw new IllegalStateException("a stored block of the delivery history has codec " + codec
                    + ", which this version of Herald does not know");
        }
        return codec;
    }
}
