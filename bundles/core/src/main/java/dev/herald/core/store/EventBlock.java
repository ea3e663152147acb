package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a block of the {@link EventLog}: events with consecutive keys, compressed
 * together. Events are small and alike (JSON records of one shape), so compressing many at once
 * gains far more than compressing each; the header stays plain so that retention and time
 * lookups read it without inflating the block.
 *
 * <p>Layout 2, written now: a 0 byte, the codec (1: Zstandard; 0: none, for the empty block that
 * ends the log), then count, first received, last received, length of the plain body
 * (variable-length numbers), then the body as one Zstandard frame at level 1. Zstandard
 * compresses these records 3 to 4 times as fast as deflate at its fastest level, and smaller;
 * it decompresses about 4 times as fast. The compressing is most of what the store's writer
 * spends per event on large records (CloudTrail-like ones). The codecs are {@link BlockCodec}'s.
 *
 * <p>Layout 1, written before and still read: count, first received, last received, length of
 * the plain body, then the body deflated (raw, at the fastest level). A block of layout 1 never
 * starts with a 0 byte (its count is at least 1), which tells the two apart.
 *
 * <p>Body, the same in both: for each event its received time minus the first, its routes and
 * its serialized form.
 */
final class EventBlock {
    /** A block is closed once it holds this many events ... */
    static final int MAX_EVENTS = 512;
    /** ... or this many bytes before compression. */
    static final int MAX_BYTES = 64 * 1024;
    /** First byte of a block of layout 2; a block of layout 1 starts with its count instead. */
    private static final int LAYOUT_2 = 0;

    private EventBlock() {
    }

    /** What a block holds, read from its plain header. */
    record Header(int count, long firstReceived, long lastReceived) {
    }

    /** A block as stored, and the same block plain, as {@link #inflate} gives it back. */
    record Encoded(byte[] stored, Inflated plain) {
    }

    /** An event a block is written with: its key, when it was received, its routes, its serialized form. */
    record Entry(long key, long received, List<String> routes, EncodedEvent event) {
    }

    /** A block of layout 2 (Zstandard), or of layout 1 where Zstandard's native library cannot be loaded. */
    static Encoded encode(List<Entry> events) {
        if (!Zstandard.available()) {
            return encodeDeflated(events);
        }
        Body body = body(events);
        BinaryWriter header = new BinaryWriter(42).writeByte(LAYOUT_2).writeByte(BlockCodec.ZSTD.id);
        return body.encoded(BlockCodec.ZSTD.compress(header(header, events, body.plain).toByteArray(),
                body.plain.array(), body.plain.length()));
    }

    /** A block of layout 1 (deflate), as stores written before layout 2 hold them. */
    static Encoded encodeDeflated(List<Entry> events) {
        Body body = body(events);
        return body.encoded(BlockCodec.DEFLATE.compress(header(new BinaryWriter(40), events, body.plain).toByteArray(),
                body.plain.array(), body.plain.length()));
    }

    /** A block's plain body and where each of its events starts in it. */
    private record Body(long firstKey, long firstReceived, BinaryWriter plain, int[] offsets) {
        Encoded encoded(byte[] stored) {
            return new Encoded(stored, new Inflated(firstKey, firstReceived, plain.array(), offsets));
        }
    }

    private static Body body(List<Entry> events) {
        long first = events.get(0).received();
        int size = 16;
        // indexed loops: the writer runs this for every event, and iterators and method references
        // were a twentieth of what it allocated while its code was not yet optimised
        for (int i = 0; i < events.size(); i++) {
            Entry e = events.get(i);
            // at most: two numbers before the routes, each route's length and UTF-8, the event's length
            size += 10 + 5 + 5 + e.event().length();
            for (int r = 0; r < e.routes().size(); r++) {
                size += 5 + 3 * e.routes().get(r).length();
            }
        }
        BinaryWriter body = new BinaryWriter(size);
        int[] offsets = new int[events.size()];
        for (int i = 0; i < offsets.length; i++) {
            Entry e = events.get(i);
            offsets[i] = body.length();
            body.writeVarLong(e.received() - first).writeVarLong(e.routes().size());
            for (int r = 0; r < e.routes().size(); r++) {
                body.writeString(e.routes().get(r));
            }
            e.event().writeTo(body);
        }
        return new Body(events.get(0).key(), first, body, offsets);
    }

    private static BinaryWriter header(BinaryWriter w, List<Entry> events, BinaryWriter body) {
        return w.writeVarLong(events.size()).writeVarLong(events.get(0).received())
                .writeVarLong(events.get(events.size() - 1).received()).writeVarLong(body.length());
    }

    /**
     * An empty block that ends the log, under the key the next event will take ({@link EventLog}):
     * the next block replaces it, in its page, which is small, and never goes into the page of the
     * block before, which MVStore would write again whole. It holds no events and was received at
     * the latest possible time: a reader by time stops at it.
     */
    static byte[] last() {
        // layout 2 whatever the codec in use: a count of 0 first would read as its marker
        return new BinaryWriter(42).writeByte(LAYOUT_2).writeByte(BlockCodec.NONE.id).writeVarLong(0)
                .writeVarLong(Long.MAX_VALUE).writeVarLong(Long.MAX_VALUE).writeVarLong(0).toByteArray();
    }

    static Header header(byte[] stored) {
        BinaryReader r = reader(stored);
        return new Header(r.readVarInt(), r.readVarLong(), r.readVarLong());
    }

    /** A reader at the block's count, past the layout and codec of layout 2. */
    private static BinaryReader reader(byte[] stored) {
        BinaryReader r = new BinaryReader(stored);
        if (stored.length > 0 && stored[0] == LAYOUT_2) {
            r.readByte();
            codec(stored);
            r.readByte();
        }
        return r;
    }

    /**
     * How the block's body is compressed: deflate in layout 1; in layout 2 the codec its header
     * names, Zstandard or none (layout 2 is never written deflated: layout 1 is).
     */
    private static BlockCodec codec(byte[] stored) {
        if (stored[0] != LAYOUT_2) {
            return BlockCodec.DEFLATE;
        }
        BlockCodec codec = BlockCodec.of(stored[1], "event block");
        if (codec == BlockCodec.DEFLATE) {
            throw new IllegalStateException("a stored event block has codec " + stored[1] + ", which this version"
                    + " of Herald does not know");
        }
        return codec;
    }

    /** The events of the block whose first key is {@code firstKey}, oldest first. */
    static List<RetainedEvent> decode(long firstKey, byte[] stored) {
        Inflated block = inflate(firstKey, stored);
        List<RetainedEvent> out = new ArrayList<>(block.count());
        for (int i = 0; i < block.count(); i++) {
            out.add(block.event(i));
        }
        return out;
    }

    /**
     * The block whose first key is {@code firstKey} decompressed (a Zstandard frame, or deflated in
     * layout 1; "inflated" here stands for both), its events not decoded yet.
     */
    static Inflated inflate(long firstKey, byte[] stored) {
        return inflate(firstKey, stored, null, false);
    }

    /**
     * As {@link #inflate(long, byte[])}, into {@code reuse} when it is large enough: the caller
     * no longer reads the block that was inflated into it (a drain inflated hundreds of
     * megabytes, a new array for every block).
     */
    static Inflated inflate(long firstKey, byte[] stored, Inflated reuse) {
        return inflate(firstKey, stored, reuse, true);
    }

    /** {@code roomy}: a new array has room for any block up to {@link #MAX_BYTES}, to be used again. */
    private static Inflated inflate(long firstKey, byte[] stored, Inflated reuse, boolean roomy) {
        BinaryReader r = reader(stored);
        int count = r.readVarInt();
        long first = r.readVarLong();
        r.readVarLong();
        int plainLength = r.readVarInt();
        byte[] plain = reuse != null && reuse.plain.length >= plainLength ? reuse.plain
                : new byte[roomy ? Math.max(plainLength, MAX_BYTES + 4096) : plainLength];
        codec(stored).decompress(stored, r.position(), plain, plainLength);
        // where each event starts: found by passing over the fields, without decoding them
        int[] offsets = new int[count];
        BinaryReader body = new BinaryReader(plain);
        for (int i = 0; i < count; i++) {
            offsets[i] = body.position();
            body.readVarLong();
            for (int k = body.readVarInt(); k > 0; k--) {
                body.skipString();
            }
            body.skipBytes();
        }
        return new Inflated(firstKey, first, plain, offsets);
    }

    /**
     * A block inflated, whose events are decoded one at a time when asked for: a sink's outbox
     * refers to a quarter of a block's events, say, and decoding the other three quarters (their
     * routes, a copy of each event) was most of a drain's reading.
     */
    static final class Inflated {
        private final long firstKey;
        private final long firstReceived;
        private final byte[] plain;
        private final int[] offsets;

        private Inflated(long firstKey, long firstReceived, byte[] plain, int[] offsets) {
            this.firstKey = firstKey;
            this.firstReceived = firstReceived;
            this.plain = plain;
            this.offsets = offsets;
        }

        long firstKey() {
            return firstKey;
        }

        int count() {
            return offsets.length;
        }

        /** The block's {@code i}-th event. */
        RetainedEvent event(int i) {
            BinaryReader r = new BinaryReader(plain, offsets[i]);
            long received = firstReceived + r.readVarLong();
            int n = r.readVarInt();
            List<String> routes = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                routes.add(r.readString());
            }
            return new RetainedEvent(firstKey + i, received, List.copyOf(routes), r.readBytes());
        }

        /** The serialized form alone ({@link RetainedEvent#event()}) of the block's {@code i}-th event. */
        byte[] serialized(int i) {
            BinaryReader r = new BinaryReader(plain, offsets[i]);
            r.readVarLong();
            for (int k = r.readVarInt(); k > 0; k--) {
                r.skipString();
            }
            return r.readBytes();
        }
    }
}
