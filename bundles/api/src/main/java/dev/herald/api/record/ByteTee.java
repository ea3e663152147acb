package dev.herald.api.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An input stream that remembers what it passed on, from a mark onwards, so that the exact bytes
 * of a record the JSON parser has just read can be cut out by their byte offsets. Bytes before the
 * mark are dropped lazily, so memory stays around one record plus the parser's read-ahead.
 */
final class ByteTee extends InputStream {
    private final InputStream in;
    private byte[] buffer = new byte[32 * 1024];
    /** Stream offset of buffer[0]. */
    private long bufferStart;
    private int length;
    /** Stream offset before which bytes are no longer needed. */
    private long keepFrom;

    ByteTee(InputStream in) {
        this.in = in;
    }

    /** Bytes before {@code offset} will not be asked for again. */
    void keepFrom(long offset) {
        keepFrom = Math.max(keepFrom, offset);
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

    /**
     * What is still buffered of the bytes between two stream offsets, decoded as UTF-8, at most
     * {@code limit} bytes of it.
     */
    String text(long from, long to, int limit) {
        long start = Math.max(from, bufferStart);
        return new String(bytes(start, Math.min(to, start + limit)), StandardCharsets.UTF_8);
    }

    /** The stream offset just after the last byte passed on. */
    long end() {
        return bufferStart + length;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            remember(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            remember(b, off, n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void remember(byte[] b, int off, int n) {
        if (length + n > buffer.length) {
            int drop = (int) Math.min(keepFrom - bufferStart, length);
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
