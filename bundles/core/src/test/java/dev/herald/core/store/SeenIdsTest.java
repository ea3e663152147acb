package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.core.TestSettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenIdsTest {
    private static final long NOW = 1_000_000;
    private final MVStore mv = new MVStore.Builder().open();
    private final MvMaps maps = new MvMaps(mv);
    private long logId;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        mv.close();
    }

    private void commit(SeenIds seen, long maxIds, long cutoff, long... fingerprints) {
        for (long f : fingerprints) {
            seen.add(f, NOW);
        }
        seen.finish(maps, () -> ++logId, maxIds, cutoff);
        seen.committed();
    }

    private List<byte[]> blocks() {
        // without the empty block that ends the log
        return maps.seenLog("src").values().stream().filter(b -> !SeenBlock.isLast(b)).toList();
    }

    @Test
    void theIdsOfATransactionAreOneBlockOfEightBytesAnIdAndATwelveByteHeader() {
        SeenIds seen = SeenIds.load(maps, "src");
        long[] ids = new long[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        commit(seen, 10_000, 0, ids);

        assertEquals(1, blocks().size());
        assertEquals(12 + 8 * 1000, blocks().get(0).length);
        assertEquals(1000, SeenBlock.count(blocks().get(0)));
        assertEquals(NOW, SeenBlock.newest(blocks().get(0)));
    }

    @Test
    void theOldestBlocksGoOnlyOnceTheIdsAfterThemAreAtLeastMaxIds() {
        SeenIds seen = SeenIds.load(maps, "src");
        commit(seen, 3, 0, 1);
        commit(seen, 3, 0, 2, 3);
        assertEquals(2, blocks().size(), "2 ids after the first block: it stays");

        commit(seen, 3, 0, 4);
        assertEquals(2, blocks().size(), "3 ids after the first block: it went");

        commit(seen, 3, 0, 5, 6);
        assertEquals(2, blocks().size(), "the block of 2 and 3 went; 4 stays, with 2 ids after it");
        assertTrue(seen.add(1, NOW));
        assertTrue(seen.add(3, NOW));
        assertFalse(seen.add(4, NOW));
        assertFalse(seen.add(6, NOW));
    }

    @Test
    void aBlockGoesOnceItsNewestIdIsPastTheAgeLimit() {
        SeenIds seen = SeenIds.load(maps, "src");
        seen.add(1, NOW - 10);
        seen.add(2, NOW);
        seen.finish(maps, () -> ++logId, 100, NOW - 5);
        seen.committed();
        assertEquals(1, blocks().size(), "its newest id is not past the limit");

        seen.add(3, NOW + 10);
        seen.finish(maps, () -> ++logId, 100, NOW + 1);
        seen.committed();

        assertEquals(1, blocks().size(), "only the block of 3 is left");
        assertTrue(seen.add(1, NOW));
        assertTrue(seen.add(2, NOW));
        assertFalse(seen.add(3, NOW));
    }

    @Test
    void aRollbackPutsBackWhatItsPruningForgotAndForgetsWhatItAdded() {
        SeenIds seen = SeenIds.load(maps, "src");
        commit(seen, 1, 0, 1);
        mv.commit();

        seen.add(2, NOW);
        seen.add(3, NOW - 100);
        seen.finish(maps, () -> ++logId, 1, NOW + 1); // forgets the block of 1, then its own at once
        mv.rollback();
        maps.forgetOpenMaps();
        seen.rolledBack();

        assertFalse(seen.add(1, NOW), "the pruning was rolled back");
        assertTrue(seen.add(2, NOW), "the transaction's ids were rolled back");
        assertTrue(seen.add(3, NOW), "even those its pruning forgot at once");
        assertEquals(1, blocks().size());
    }

    @Test
    void aLoadedLogRemembersItsIdsAndTheirCount() {
        SeenIds first = SeenIds.load(maps, "src");
        commit(first, 2, 0, 1);
        commit(first, 2, 0, 2);

        SeenIds loaded = SeenIds.load(maps, "src");
        assertFalse(loaded.add(1, NOW));
        assertFalse(loaded.add(2, NOW));
        commit(loaded, 2, 0, 3);

        assertTrue(loaded.add(1, NOW), "the loaded count made room for 3 by forgetting 1");
    }

    @Test
    void theLogOfEarlierVersionsWithAnEntryPerIdIsMovedToBlocksAtOpen() {
        long now = System.currentTimeMillis();
        MvStore store = MvStore.open(TestSettings.defaults(dir));
        seen(store, "other", "x");
        store.close();
        Path file = dir.resolve(MvStore.FILE_NAME);
        try (MVStore raw = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, Long> meta = new MvMaps(raw).meta();
            SipHash hash = new SipHash(meta.get("seen.key0"), meta.get("seen.key1"));
            MVMap<Long, byte[]> old = new MvMaps(raw).log(PerIdSeenLog.PREFIX + "src");
            for (int i = 0; i < PerIdSeenLog.BLOCK + 10; i++) {
                old.put((long) i + 1, perIdEntry(hash.hash("id-" + i), now));
            }
            raw.commit();
        }

        store = MvStore.open(TestSettings.defaults(dir));
        try {
            assertFalse(seen(store, "src", "id-0"));
            assertFalse(seen(store, "src", "id-" + (PerIdSeenLog.BLOCK + 9)));
            assertTrue(seen(store, "src", "id-new"));
            assertFalse(seen(store, "other", "x"), "blocks already there are kept");
        } finally {
            store.close();
        }
        try (MVStore raw = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertFalse(raw.hasMap(PerIdSeenLog.PREFIX + "src"), "the per-id log is gone");
            assertEquals(4L, new MvMaps(raw).seenLog("src").sizeAsLong(),
                    "two blocks moved and one added, and the empty block that ends the log");
        }
    }

    private static boolean seen(MvStore store, String instance, String id) {
        Boolean isNew = store.write(true, tx -> Fingerprinting.markSeen(store, tx, instance, List.of(id),
                System.currentTimeMillis())[0]);
        return isNew;
    }

    private static byte[] perIdEntry(long fingerprint, long time) {
        return ByteBuffer.allocate(16).putLong(fingerprint).putLong(time).array();
    }
}
