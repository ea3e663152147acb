package dev.herald.api.record;

import java.io.IOException;
import java.io.InputStream;

/**
 * Input that is not text at all: JSON text never holds a NUL byte (not even UTF-8 JSON's strings,
 * which escape control characters), while binary files, undecompressed archives and UTF-16 do. It
 * is one malformed entry, not one per "line", and nothing of it is read.
 */
final class BinarySource implements RecordSource {
    private final InputStream in;
    private final int nulAt;
    private boolean reported;

    /** @param nulAt the offset of the first NUL byte */
    BinarySource(InputStream in, int nulAt) {
        this.in = in;
        this.nulAt = nulAt;
    }

    /** The offset of the first NUL byte in {@code head}, or -1. */
    static int firstNul(byte[] head) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public RecordEntry next() {
        if (reported) {
            return null;
        }
        reported = true;
        return new RecordEntry.Malformed(1, "", "binary data, not JSON text (a NUL byte at byte " + (nulAt + 1)
                + "); nothing of it was read. Records must be UTF-8 JSON, plain or gzip (UTF-16 must be converted,"
                + " e.g. iconv -f UTF-16 -t UTF-8)");
    }

    @Override
    public void skipThrough(long number) {
        reported = reported || number >= 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
