package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log and the seen-id logs end with an empty block, so that a commit that appends a
 * block leaves the page of the block before it as it is on the disk (no dead copy of it).
 */
class LastBlockTest {
    @TempDir
    Path dir;
    @AutoClose
    MvStore store;

    /** Where the leaf that holds {@code key} is on the disk (0 while it is not written). */
    private static long leafPosition(MVMap<Long, byte[]> map, long key) {
        Page<Long, byte[]> p = map.getRootPage();
        while (!p.isLeaf()) {
            int child = 0;
            while (child < p.getKeyCount() && p.getKey(child) <= key) {
                child++;
            }
            p = p.getChildPage(child);
        }
        return p.getPos();
    }

    /** Events that deflate badly, so that a block is larger than a page. */
    private static byte[] event(Random random, int i) {
        StringBuilder noise = new StringBuilder();
        for (int k = 0; k < 100; k++) {
            noise.append(Long.toHexString(random.nextLong()));
        }
        return EventCodec.encode(TestEvents.event("e" + i, "json", "t", "{\"n\":\"" + noise + "\"}"));
    }

    private long appendBlock(Random random, long received) {
        return store.write(true, tx -> {
            long first = 0;
            for (int i = 0; i < 20; i++) {
                long k = tx.appendEvent(received, List.of("r"), event(random, i));
                first = i == 0 ? k : first;
            }
            return first;
        });
    }

    private <T> T events(java.util.function.Function<MVMap<Long, byte[]>, T> query) {
        return store.read(v -> query.apply(((MvView) v).maps.events()));
    }

    @Test
    void appendingAnEventBlockLeavesThePageOfTheOneBeforeAsItWas() {
        store = MvStore.open(TestSettings.defaults(dir));
        Random random = new Random(1);
        long now = System.currentTimeMillis();
        long first = appendBlock(random, now);
        long written = events(m -> leafPosition(m, first));
        assertTrue(events(m -> m.get(first).length) > StoreFile.PAGE_SPLIT_BYTES, "the block fills a page");

        long second = appendBlock(random, now + 1);

        assertEquals(written, (long) events(m -> leafPosition(m, first)), "the first block's page was written again");
        long end = events(MVMap::lastKey);
        assertEquals(second + 20, end, "the empty block is under the next event's key");
        assertEquals(0, EventBlock.header(events(m -> m.get(end))).count());
        assertEquals(second, (long) events(m -> m.lowerKey(end)));
        List<String> newest = new ArrayList<>();
        store.read(v -> v.recent(e -> true, 40)).forEach(e -> newest.add(e.decodeEvent().id()));
        assertEquals(40, newest.size(), "readers pass the empty last block by");
    }

    @Test
    void theEmptyLastEventBlockIsNoEventsAndAlwaysNewest() {
        byte[] last = EventBlock.last();
        EventBlock.Header h = EventBlock.header(last);
        assertEquals(0, h.count());
        assertEquals(Long.MAX_VALUE, h.firstReceived());
        assertEquals(Long.MAX_VALUE, h.lastReceived());
        assertEquals(List.of(), EventBlock.decode(7, last));
    }

    @Test
    void appendingASeenBlockLeavesThePageOfTheOneBeforeAsItWasAndTheLimitsKeepTheLastBlock() {
        MVStore mv = new MVStore.Builder().fileName(dir.resolve("seen.mv.db").toString())
                .pageSplitSize(StoreFile.PAGE_SPLIT_BYTES).open();
        try {
            MvMaps maps = new MvMaps(mv);
            SeenIds seen = SeenIds.load(maps, "src");
            long[] logId = {0};
            long id = 0;
            for (int block = 0; block < 2; block++) {
                for (int i = 0; i < 1000; i++) {
                    seen.add(++id, 1000);
                }
                seen.finish(maps, () -> logId[0] += 5, 10_000, 0);
                seen.committed();
                mv.commit();
            }
            MVMap<Long, byte[]> log = maps.seenLog("src");
            long firstPage = leafPosition(log, 5);

            for (int i = 0; i < 1000; i++) {
                seen.add(++id, 1000);
            }
            seen.finish(maps, () -> logId[0] += 5, 10_000, 0);
            seen.committed();
            mv.commit();

            assertEquals(firstPage, leafPosition(log, 5), "the first block's page was written again");
            // log ids go up by 5 here, as the store's do by more than one
            assertEquals(List.of(5L, 10L, 15L, 16L), List.copyOf(log.keySet()), "three blocks and the empty one after");
            assertTrue(SeenBlock.isLast(log.get(16L)));

            // limits that forget every id keep the empty last block, and loading skips it
            seen.finish(maps, () -> logId[0] += 5, 1, Long.MAX_VALUE);
            seen.committed();
            assertEquals(List.of(16L), List.copyOf(log.keySet()));
            assertTrue(SeenIds.load(maps, "src").add(1, 1000), "every id was forgotten");
        } finally {
            mv.close();
        }
    }

    @Test
    void anEmptyBlockWithBlocksAfterItDoesNotStopTheLimits() {
        MVStore mv = new MVStore.Builder().open();
        try {
            MvMaps maps = new MvMaps(mv);
            MVMap<Long, byte[]> log = maps.seenLog("src");
            LongList ids = new LongList();
            ids.add(1);
            log.put(1L, SeenBlock.last());
            log.put(2L, SeenBlock.encode(ids, 1000));
            SeenIds seen = SeenIds.load(maps, "src");
            seen.add(2, 1000);
            seen.finish(maps, () -> 10, 1, Long.MAX_VALUE);

            assertEquals(List.of(11L), List.copyOf(log.keySet()), "every block past the age limit went");
            assertTrue(SeenBlock.isLast(log.get(11L)));
        } finally {
            mv.close();
        }
    }
}
