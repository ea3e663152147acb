package dev.herald.core.store;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zstandard (zstd-jni, a native library) for {@link EventBlock}s and {@link HistoryBlock}s: one frame per block. The native
 * library is loaded on first use; where it cannot be (a platform zstd-jni has no library for, a
 * temporary directory that does not allow executing), {@link #available()} says so with the
 * reason logged once, and blocks are written deflated as before.
 *
 * <p>Compression contexts are kept for the next block ({@link Compressor}): making one costs
 * zstd a native allocation and the clearing of its tables, which was 8% of the store writer's
 * CPU when every block made its own.
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
        Compressor c = Compressor.take(level);
        try {
            return c.compress(header, plain, length);
        } finally {
            c.giveBack();
        }
    }

    /**
     * Closes the compression contexts kept for later blocks (the store closes: a bundle update
     * would otherwise leave their native memory behind with the old class loader).
     */
    static void releaseKept() {
        Compressor.releaseKept();
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

    /**
     * A zstd compression context at one level and the array it compresses into, used by one thread
     * at a time. A few are kept between blocks (one per thread that compresses at once: the
     * store's writer, now and then a compaction or a sink's history); more are closed when given back.
     */
    private static final class Compressor {
        /** Output arrays larger than this are not kept: one block of an outsized record does not pin its memory. */
        private static final int KEEP_OUTPUT_BYTES = 1 << 20;
        private static final BlockingQueue<Compressor> KEPT = new ArrayBlockingQueue<>(2);

        private final ZstdCompressCtx ctx;
        private final int level;
        private byte[] output = new byte[0];

        private Compressor(int level) {
            this.level = level;
            this.ctx = new ZstdCompressCtx().setLevel(level);
        }

        static Compressor take(int level) {
            Compressor c = KEPT.poll();
            if (c != null && c.level != level) {
                c.ctx.close();
                c = null;
            }
            return c != null ? c : new Compressor(level);
        }

        void giveBack() {
            if (output.length > KEEP_OUTPUT_BYTES) {
                output = new byte[0];
            }
            if (!KEPT.offer(this)) {
                ctx.close();
            }
        }

        static void releaseKept() {
            Compressor c;
            while ((c = KEPT.poll()) != null) {
                c.ctx.close();
            }
        }

        /** {@code header}, then the first {@code length} bytes of {@code plain} as one frame, in one array of just that size. */
        byte[] compress(byte[] header, byte[] plain, int length) {
            int bound = (int) Zstd.compressBound(length);
            if (output.length < bound) {
                output = new byte[bound];
            }
            int n;
            try {
                n = ctx.compressByteArray(output, 0, bound, plain, 0, length);
            } catch (ZstdException e) {
                throw new IllegalStateException("Zstandard cannot compress a block: " + e.getMessage(), e);
            }
            byte[] stored = new byte[header.length + n];
            System.arraycopy(header, 0, stored, 0, header.length);
            System.arraycopy(output, 0, stored, header.length, n);
            return stored;
        }
    }
}
