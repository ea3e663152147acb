package dev.herald.core.store;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw deflate at the fastest level for the store's blocks ({@link EventBlock}, {@link HistoryBlock}),
 * where {@link Zstandard} is not available or a stored block predates it.
 */
final class Deflate {
    /**
     * An inflater per thread (the store's readers and writer), reset for each block: a new one
     * per block set up and freed zlib's state thousands of times in a drain.
     */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

    private Deflate() {
    }

    /**
     * {@code header}, then the first {@code length} bytes of {@code plain} deflated, in one array:
     * the body is neither copied out of its writer nor the deflated bytes out of a buffer of their own.
     */
    static byte[] deflate(byte[] header, byte[] plain, int length) {
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

    /** Inflates what runs from {@code from} to the end of {@code stored} into the first {@code plainLength} bytes of {@code plain}. */
    static void inflate(byte[] stored, int from, int plainLength, byte[] plain) {
        Inflater inf = INFLATERS.get();
        inf.reset();
        try {
            inf.setInput(stored, from, stored.length - from);
            int n = 0;
            while (n < plainLength) {
                int got = inf.inflate(plain, n, plainLength - n);
                if (got == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != plainLength) {
                throw new IllegalStateException("a stored block is cut short: " + n + " of " + plainLength + " bytes");
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored block cannot be inflated: " + e.getMessage(), e);
        }
    }
}
