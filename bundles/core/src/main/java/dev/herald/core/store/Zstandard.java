package dev.herald.core.store;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zstandard (zstd-jni, a native library) for {@link EventBlock}s and {@link HistoryBlock}s: one frame per block. The native
 * library is loaded on first use; where it cannot be (a platform zstd-jni has no library for, a
 * temporary directory that does not allow executing), {@link #available()} says so with the
 * reason logged once, and blocks are written deflated as before.
 */
final class Zstandard {
    private static final Logger LOG = LoggerFactory.getLogger(Zstandard.class);
    /** Null when the native library loaded, else why not. */
    private static final String UNAVAILABLE = load();

    private Zstandard() {
    }

    private static String load() {
        try {
            Zstd.compressBound(1);
            return null;
        } catch (LinkageError | RuntimeException e) {
            String why = e.toString();
            LOG.warn("Zstandard's native library cannot be loaded ({}): event blocks are written deflated, which"
                    + " costs the store's writer 3 to 4 times as much CPU for them", why);
            return why;
        }
    }

    static boolean available() {
        return UNAVAILABLE == null;
    }

    /**
     * {@code header}, then the first {@code length} bytes of {@code plain} as one frame, in one array.
     *
     * @throws IllegalStateException when the library is not {@link #available()}
     */
    static byte[] compress(byte[] header, byte[] plain, int length, int level) {
        requireAvailable();
        byte[] out = Arrays.copyOf(header, header.length + (int) Zstd.compressBound(length));
        long n;
        try {
            n = Zstd.compressByteArray(out, header.length, out.length - header.length, plain, 0, length, level);
        } catch (ZstdException e) {
            throw new IllegalStateException("Zstandard cannot compress a block: " + e.getMessage(), e);
        }
        if (Zstd.isError(n)) {
            throw new IllegalStateException("Zstandard cannot compress a block: " + Zstd.getErrorName(n));
        }
        return Arrays.copyOf(out, header.length + (int) n);
    }

    /**
     * Decompresses the frame that runs from {@code from} to the end of {@code stored} into the first
     * {@code plainLength} bytes of {@code plain}; the frame must give exactly that many.
     */
    static void decompress(byte[] stored, int from, byte[] plain, int plainLength) {
        requireAvailable();
        long n;
        try {
            n = Zstd.decompressByteArray(plain, 0, plainLength, stored, from, stored.length - from);
        } catch (ZstdException e) {
            throw new IllegalStateException("a stored block cannot be decompressed: " + e.getMessage(), e);
        }
        if (Zstd.isError(n)) {
            throw new IllegalStateException("a stored block cannot be decompressed: " + Zstd.getErrorName(n));
        }
        if (n != plainLength) {
            throw new IllegalStateException("a stored block is cut short: " + n + " of " + plainLength + " bytes");
        }
    }

    private static void requireAvailable() {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("the event block is compressed with Zstandard, whose native library"
                    + " cannot be loaded here: " + UNAVAILABLE);
        }
    }
}
