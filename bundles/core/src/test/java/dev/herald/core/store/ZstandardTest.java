package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames made with a kept compression context are whole on their own, whatever came before them. */
class ZstandardTest {
    private static final byte[] HEADER = {0, 1, 42};

    @AfterEach
    void release() {
        Zstandard.releaseKept();
    }

    @Test
    void eachFrameDecompressesAloneAfterLargerAndSmallerOnes() {
        Random random = new Random(7);
        for (int size : new int[] {70_000, 3_000_000, 10, 64 * 1024, 0, 1_500_000, 200}) {
            byte[] plain = records(random, size);
            byte[] stored = Zstandard.compress(HEADER, plain, plain.length, 1);
            assertArrayEquals(HEADER, Arrays.copyOf(stored, HEADER.length));
            assertArrayEquals(plain, decompress(stored, plain.length), "a block of " + size + " bytes");
        }
    }

    @Test
    void onlyTheGivenLengthOfTheArrayIsCompressed() {
        byte[] plain = records(new Random(3), 5_000);
        byte[] stored = Zstandard.compress(HEADER, plain, 1_000, 1);
        assertArrayEquals(Arrays.copyOf(plain, 1_000), decompress(stored, 1_000));
    }

    @Test
    void threadsCompressingAtOnceEachGetTheirOwnContext() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                Callable<Integer> task = () -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] plain = records(random, 1_000 + random.nextInt(100_000));
                        assertArrayEquals(plain, decompress(Zstandard.compress(HEADER, plain, plain.length, 1),
                                plain.length));
                    }
                    return 200;
                };
                done.add(pool.submit(task));
            }
            for (Future<Integer> f : done) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] decompress(byte[] stored, int plainLength) {
        byte[] plain = new byte[plainLength];
        Zstandard.decompress(stored, HEADER.length, plain, plainLength);
        return plain;
    }

    /** JSON-like lines, compressible as event blocks are, of exactly {@code size} bytes. */
    private static byte[] records(Random random, int size) {
        StringBuilder b = new StringBuilder(size + 100);
        while (b.length() < size) {
            b.append("{\"eventName\":\"Op").append(random.nextInt(50)).append("\",\"id\":\"")
                    .append(Long.toHexString(random.nextLong())).append("\"}\n");
        }
        return Arrays.copyOf(b.toString().getBytes(StandardCharsets.US_ASCII), size);
    }
}
