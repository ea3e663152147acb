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
            BlockCodec codec = BlockCodec.preferred();
            byte[] header = header(codec, deliveries.size(), total, body.length());
            byte[] packed = codec.compress(header, body.array(), body.length());
            if (packed.length < header.length + body.length()) {
                return packed;
            }
        }
        // small blocks, and any that compression would not make smaller, are kept as they are
        return BlockCodec.NONE.compress(header(BlockCodec.NONE, deliveries.size(), total, body.length()),
                body.array(), body.length());
    }

    private static byte[] header(BlockCodec codec, int count, long total, int plainLength) {
        return new BinaryWriter(24).writeByte(codec.id).writeVarLong(count).writeVarLong(total)
                .writeVarLong(plainLength).toByteArray();
    }

    /**
     * An empty block that ends the history, under the key after the last block's ({@link LogEnd}),
     * so that a commit does not write the page of the block before again. It carries the total,
     * so that the next block's is read from it.
     */
    static byte[] last(long total) {
        return header(BlockCodec.NONE, 0, total, 0);
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
        BlockCodec codec = codec(r);
        int count = r.readVarInt();
        r.readVarLong();
        int plainLength = r.readVarInt();
        BinaryReader body;
        if (codec == BlockCodec.NONE) {
            body = new BinaryReader(block, r.position());
        } else {
            byte[] plain = new byte[plainLength];
            codec.decompress(block, r.position(), plain, plainLength);
            body = new BinaryReader(plain);
        }
        List<DeliveryView> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(RecordCodec.delivery(body));
        }
        return out;
    }

    private static BlockCodec codec(BinaryReader r) {
        return BlockCodec.of(r.readByte(), "block of the delivery history");
    }
}
