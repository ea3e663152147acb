package dev.herald.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of a block of the {@link EventLog}: events with consecutive keys, compressed
 * together. Events are small and alike (JSON records of one shape), so compressing many at once
 * gains far more than compressing each; the header stays plain so that retention and time
 * lookups read it without inflating the block.
 *
 * <p>Layout: count, first received, last received, length of the inflated body (variable-length
 * numbers), then the body deflated (raw, at the fastest level). Body: for each event its received
 * time minus the first, its routes and its serialized form.
 */
final class EventBlock {
    /** A block is closed once it holds this many events ... */
    static final int MAX_EVENTS = 512;
    /** ... or this many bytes before compression. */
    static final int MAX_BYTES = 64 * 1024;

    private EventBlock() {
    }

    /** What a block holds, read from its plain header. */
    record Header(int count, long firstReceived, long lastReceived) {
    }

    static byte[] encode(List<RetainedEvent> events) {
        long first = events.get(0).received();
        int size = 16;
        for (RetainedEvent e : events) {
            size += 24 + e.event().length;
        }
        BinaryWriter body = new BinaryWriter(size);
        for (RetainedEvent e : events) {
            body.writeVarLong(e.received() - first).writeVarLong(e.routes().size());
            e.routes().forEach(body::writeString);
            body.writeBytes(e.event());
        }
        byte[] header = new BinaryWriter(40).writeVarLong(events.size()).writeVarLong(first)
                .writeVarLong(events.get(events.size() - 1).received()).writeVarLong(body.length()).toByteArray();
        return deflate(header, body.array(), body.length());
    }

    /**
     * An empty block that ends the log, under the key the next event will take ({@link EventLog}):
     * the next block replaces it, in its page, which is small, and never goes into the page of the
     * block before, which MVStore would write again whole. It holds no events and was received at
     * the latest possible time: a reader by time stops at it.
     */
    static byte[] last() {
        byte[] header = new BinaryWriter(40).writeVarLong(0).writeVarLong(Long.MAX_VALUE)
                .writeVarLong(Long.MAX_VALUE).writeVarLong(0).toByteArray();
        return deflate(header, new byte[0], 0);
    }

    static Header header(byte[] stored) {
        BinaryReader r = new BinaryReader(stored);
        return new Header(r.readVarInt(), r.readVarLong(), r.readVarLong());
    }

    /** The events of the block whose first key is {@code firstKey}, oldest first. */
    static List<RetainedEvent> decode(long firstKey, byte[] stored) {
        BinaryReader r = new BinaryReader(stored);
        int count = r.readVarInt();
        long first = r.readVarLong();
        r.readVarLong();
        int plainLength = r.readVarInt();
        byte[] plain = inflate(stored, r.position(), plainLength);
        BinaryReader body = new BinaryReader(plain);
        List<RetainedEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long received = first + body.readVarLong();
            int n = body.readVarInt();
            List<String> routes = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                routes.add(body.readString());
            }
            out.add(new RetainedEvent(firstKey + i, received, List.copyOf(routes), body.readBytes()));
        }
        return out;
    }

    /**
     * {@code header}, then the first {@code length} bytes of {@code plain} deflated, in one array:
     * the body is neither copied out of its writer nor the deflated bytes out of a buffer of their own.
     */
    private static byte[] deflate(byte[] header, byte[] plain, int length) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(plain, 0, length);
            d.finish();
            byte[] out = Arrays.copyOf(header, header.length + length / 4 + 64);
            int n = header.length;
            while (!d.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += d.deflate(out, n, out.length - n);
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] stored, int from, int plainLength) {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(stored, from, stored.length - from);
            byte[] plain = new byte[plainLength];
            int n = 0;
            while (n < plainLength) {
                int got = inf.inflate(plain, n, plainLength - n);
                if (got == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != plainLength) {
                throw new IllegalStateException("a stored event block is cut short: " + n + " of " + plainLength
                        + " bytes");
            }
            return plain;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored event block cannot be inflated: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }
}
