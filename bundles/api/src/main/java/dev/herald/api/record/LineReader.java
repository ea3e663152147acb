package dev.herald.api.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads lines as bytes, ended by LF, CR or CR LF as {@link java.io.BufferedReader#readLine()}
 * does, keeping at most a given number of bytes of each: a line of any length passes in constant
 * memory, and its full length is still known.
 */
final class LineReader implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean afterCr;
    private byte[] line = new byte[8 * 1024];
    private int kept;
    private long length;
    /** How many times the buffer was filled: what it holds changes each time. */
    private long reads;
    /** Where the current line starts in the buffer when it lies whole in it; else -1. */
    private int startInBuffer;

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line, keeping its first {@code keep} bytes.
     *
     * @return false at the end of the input
     */
    boolean next(int keep) throws IOException {
        kept = 0;
        length = 0;
        startInBuffer = -1;
        if (afterCr) {
            afterCr = false;
            if (!available()) {
                return false;
            }
            if (buffer[position] == '\n') {
                position++;
            }
        }
        boolean any = false;
        while (available()) {
            int end = lineEnd(buffer, position, limit);
            keep(end, keep);
            length += end - position;
            if (end < limit) {
                if (!any) {
                    startInBuffer = position;
                }
                afterCr = buffer[end] == '\r';
                position = end + 1;
                return true;
            }
            any = true;
            position = limit;
        }
        return any;
    }

    /** The buffer the input is read into: the current line is {@code buffer()[start(), end())} when {@link #inBuffer}. */
    byte[] buffer() {
        return buffer;
    }

    /** Whether the current line lies whole, with its terminator, in what the buffer holds now. */
    boolean inBuffer() {
        return startInBuffer >= 0;
    }

    int start() {
        return startInBuffer;
    }

    /** Where the current line ends in the buffer when it lies whole in it: its terminator's index. */
    int end() {
        return startInBuffer + (int) length;
    }

    /** Where what the buffer holds now ends. */
    int limit() {
        return limit;
    }

    /** Which fill of the buffer it holds now: bytes found in it stay there until the next fill. */
    long reads() {
        return reads;
    }

    /**
     * Where the first LF or CR in {@code bytes[from, to)} is, else {@code to}. Eight bytes at a time:
     * a byte-by-byte loop that stops at either byte is not vectorised, and on records of a kilobyte
     * or more the search was a tenth of the source thread's time.
     */
    static int lineEnd(byte[] bytes, int from, int to) {
        if (to - from < Long.BYTES) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    return i;
                }
            }
            return to;
        }
        int last = to - Long.BYTES;
        for (int i = from; i < last; i += Long.BYTES) {
            long found = found((long) LONGS.get(bytes, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        // the last word ends at to, overlapping bytes already searched: they hold neither byte
        long found = found((long) LONGS.get(bytes, last));
        return found != 0 ? last + (Long.numberOfTrailingZeros(found) >>> 3) : to;
    }

    /**
     * The high bit of each byte of {@code word} that is LF or CR, and perhaps of bytes after the
     * first such: a byte that equals LF (or CR) is 0 after the xor, and (x - 0x01..) & ~x & 0x80..
     * flags the lowest 0 byte exactly, others only above it. Little-endian puts the first byte lowest.
     */
    private static long found(long word) {
        long lf = word ^ LFS;
        long cr = word ^ CRS;
        return ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
    }

    /** The bytes kept of the current line. */
    byte[] bytes() {
        return line;
    }

    /** How many bytes of the current line were kept. */
    int kept() {
        return kept;
    }

    /** The current line's length in bytes, without its terminator. */
    long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void keep(int end, int keep) {
        int n = Math.min(end - position, keep - kept);
        if (n <= 0) {
            return;
        }
        if (kept + n > line.length) {
            line = Arrays.copyOf(line, Math.max(kept + n, Math.min(line.length * 2, keep)));
        }
        System.arraycopy(buffer, position, line, kept, n);
        kept += n;
    }

    private boolean available() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        position = 0;
        limit = Math.max(n, 0);
        reads++;
        return n > 0;
    }
}
