package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleCompactionTest {
    private static final int COMMITS = 300;

    @TempDir
    Path dir;

    private MVStore open(Path file) {
        MVStore mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .pageSplitSize(StoreFile.PAGE_SPLIT_BYTES).open();
        mv.setRetentionTime(10_000);
        return mv;
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Each commit keeps 2 KB and writes 14 KB that a later commit deletes: chunks end up 1/8 live. */
    private static void writeMostlyDeadChunks(MVStore mv) {
        MVMap<Long, byte[]> kept = mv.openMap("kept");
        MVMap<Long, byte[]> dropped = mv.openMap("dropped");
        for (long i = 0; i < COMMITS; i++) {
            kept.put(i, bytes(i, 2048));
            dropped.put(i, bytes(-i, 14 * 1024));
            mv.commit();
        }
        for (long i = 0; i < COMMITS; i++) {
            dropped.remove(i);
        }
        mv.commit();
        mv.sync();
    }

    @Test
    void roundsMoveLiveDataOutOfMostlyDeadChunksAndShrinkTheFileKeepingEveryEntry() throws Exception {
        Path file = dir.resolve("s.mv.db");
        MVStore mv = open(file);
        try {
            writeMostlyDeadChunks(mv);
            long before = Files.size(file);

            int rounds = 0;
            while (IdleCompaction.round(mv, 50_000_000L)) {
                rounds++;
                assertTrue(rounds < 1000, "rounds never stop");
            }
            assertFalse(IdleCompaction.round(mv, 50_000_000L), "a settled store gives a round nothing to do");

            assertEquals(10_000, mv.getRetentionTime(), "the retention is put back after each round");
            long after = Files.size(file);
            assertTrue(after < before / 2, "the file shrank from " + before + " to " + after + " bytes");
        } finally {
            mv.close();
        }
        try (MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            MVMap<Long, byte[]> kept = reopened.openMap("kept");
            assertEquals(COMMITS, kept.size());
            for (long i = 0; i < COMMITS; i++) {
                assertArrayEquals(bytes(i, 2048), kept.get(i));
            }
        }
    }

    @Test
    void aFileWithoutDeadDataIsLeftAsItIs() throws Exception {
        Path file = dir.resolve("s.mv.db");
        MVStore mv = open(file);
        try {
            MVMap<Long, byte[]> kept = mv.openMap("kept");
            kept.put(1L, bytes(1, 100));
            mv.commit();
            long version = mv.getCurrentVersion();
            assertFalse(IdleCompaction.round(mv, 50_000_000L));
            assertEquals(version, mv.getCurrentVersion(), "nothing was committed");
        } finally {
            mv.close();
        }
    }
}
