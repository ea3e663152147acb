package dev.herald.api.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that remembers what it passed on, from a mark onwards, so that the exact bytes
 * of a record the JSON parser has just read can be cut out by their byte offsets, and so that
 * reading can start over from a remembered offset with a new parser (after a syntax error). Bytes
 * before the mark are dropped lazily, so memory stays around one record plus the parser's
 * read-ahead.
 *
 * <p>A record longer than the cap is not kept: once more than {@code cap} bytes follow the mark,
 * only the first {@link #HEAD} bytes from the mark (to show in the quarantine) and the last
 * {@link #WINDOW} bytes (holding the parser's read-ahead, where the next record starts) are,
 * until the mark moves on.
 */
final class ByteTee extends InputStream {
    /** How much of an overlong record's beginning is kept. */
    static final int HEAD = 64 * 1024;
    /** How much is kept behind the read position of an overlong record: more than the parser reads ahead. */
    static final int WINDOW = 64 * 1024;

    private final InputStream in;
    private final long cap;
    private byte[] buffer = new byte[32 * 1024];
    /** Stream offset of buffer[0]. */
    private long bufferStart;
    private int length;
    /** Stream offset before which bytes are no longer needed. */
    private long keepFrom;
    /** Stream offset of the next byte handed out: below {@link #end()} after a {@link #rewind}. */
    private long position;
    /** The beginning of the record from the mark, once it is longer than the cap; else null. */
    private byte[] overflowHead;

    /** @param cap the most bytes kept from the mark (beyond it, see the class comment) */
    ByteTee(InputStream in, long cap) {
        this.in = in;
        this.cap = cap;
    }

    /** Bytes before {@code offset} will not be asked for again: a new record starts there. */
    void keepFrom(long offset) {
        if (offset > keepFrom) {
            keepFrom = offset;
            overflowHead = null;
        }
    }

    /** Whether more than the cap was read from the mark: the record there is not kept. */
    boolean overflowed() {
        return overflowHead != null;
    }

    /** The first bytes from the mark of a record longer than the cap. */
    byte[] head() {
        return overflowHead.clone();
    }

    /** The first stream offset still buffered. */
    long start() {
        return bufferStart;
    }

    /** The bytes between two stream offsets, which must be at or after the mark. */
    byte[] bytes(long from, long to) {
        int start = (int) (from - bufferStart);
        int end = (int) Math.min(to - bufferStart, length);
        if (start < 0 || start > end) {
            throw new IllegalStateException("bytes " + from + ".." + to + " are no longer buffered");
        }
        return Arrays.copyOfRange(buffer, start, end);
    }

    /** The stream offset just after the last byte read from the underlying stream. */
    long end() {
        return bufferStart + length;
    }

    /** Hands out the bytes from {@code offset} (at or after the mark) again, then the rest of the stream. */
    void rewind(long offset) {
        if (offset < Math.max(keepFrom, bufferStart) || offset > end()) {
            throw new IllegalStateException("cannot rewind to " + offset + ": bytes " + bufferStart + ".." + end()
                    + " are buffered");
        }
        position = offset;
    }

    /** One byte at a time, as a resynchronising scan reads: from the buffer, filled a block at a time. */
    @Override
    public int read() throws IOException {
        if (position == end()) {
            byte[] block = new byte[8 * 1024];
            int n = in.read(block);
            if (n > 0) {
                remember(block, 0, n);
            }
        }
        return position < end() ? buffer[(int) (position++ - bufferStart)] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position < end()) {
            int n = (int) Math.min(len, end() - position);
            System.arraycopy(buffer, (int) (position - bufferStart), b, off, n);
            position += n;
            return n;
        }
        int n = in.read(b, off, len);
        if (n > 0) {
            remember(b, off, n);
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void remember(byte[] b, int off, int n) {
        if (overflowHead == null && end() + n - keepFrom > cap) {
            overflowHead = bytes(keepFrom, Math.min(end(), keepFrom + HEAD));
        }
        if (length + n > buffer.length) {
            long dropTo = overflowHead != null ? end() + n - WINDOW : keepFrom;
            int drop = (int) Math.min(Math.max(dropTo - bufferStart, 0), length);
            if (drop > 0) {
                System.arraycopy(buffer, drop, buffer, 0, length - drop);
                length -= drop;
                bufferStart += drop;
            }
            if (length + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
            }
        }
        System.arraycopy(b, off, buffer, length, n);
        length += n;
    }
}
