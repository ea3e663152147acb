package dev.herald.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what a {@link BinaryWriter} wrote, in the same order. */
public final class BinaryReader {
    private final byte[] buf;
    private int pos;

    public BinaryReader(byte[] buf) {
        this.buf = buf;
    }

    /** Reads {@code buf} from {@code position} on. */
    public BinaryReader(byte[] buf, int position) {
        this.buf = buf;
        this.pos = position;
    }

    /** Whether anything is left to read (records written before a field was added end early). */
    public boolean hasMore() {
        return pos < buf.length;
    }

    /** How many bytes were read so far. */
    public int position() {
        return pos;
    }

    public int readByte() {
        return buf[pos++] & 0xFF;
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    public int readVarInt() {
        return Math.toIntExact(readVarLong());
    }

    public byte[] readBytes() {
        int n = readVarInt();
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Passes over what {@link #readBytes} would read. */
    public void skipBytes() {
        int n = readVarInt(); // not "pos += readVarInt()": that adds to the position before the length
        pos += n;
    }

    /** Passes over what {@link #readString} would read. */
    public void skipString() {
        int n = readVarInt();
        pos += n == 0 ? 0 : n - 1;
    }

    public String readString() {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
        pos += n - 1;
        return s;
    }
}
