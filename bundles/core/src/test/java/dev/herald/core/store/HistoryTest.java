package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery history as a block per transaction ({@link History}): read newest first up to the
 * limit and {@code history_size}, trimmed by whole blocks, and read beside the records of a store
 * written before the blocks.
 */
class HistoryTest {
    @TempDir
    Path dir;
    @AutoClose
    MvStore store;

    private CoreSettings historyOf(int size) {
        return TestSettings.withHistorySize(dir, size);
    }

    private static DeliveryView delivered(int i) {
        return new DeliveryView(Instant.ofEpochMilli(1_000 + i), i % 2 == 0 ? "syslog" : "slack", "r", "e" + i, 1,
                "delivered", i % 3 == 0 ? null : "HTTP 200");
    }

    /** Adds deliveries {@code from} to {@code to} in one transaction. */
    private void commit(int from, int to) {
        store.write(false, tx -> {
            for (int i = from; i <= to; i++) {
                tx.addHistory(delivered(i));
            }
            return null;
        });
    }

    private List<String> history(int limit) {
        return store.read(v -> v.history(limit)).stream().map(DeliveryView::eventId).toList();
    }

    private static List<String> ids(int newest, int oldest) {
        return IntStream.iterate(newest, i -> i >= oldest, i -> i - 1).mapToObj(i -> "e" + i).toList();
    }

    /** Deliveries per block, oldest block first, without the empty block that ends the log. */
    private List<Integer> blocks() {
        return store.read(v -> {
            MvMaps maps = ((MvView) v).maps;
            List<Integer> counts = new ArrayList<>();
            maps.log(MvMaps.HISTORY_BLOCKS).values().forEach(b -> counts.add(HistoryBlock.count(b)));
            assertEquals(0, counts.remove(counts.size() - 1), "the log ends with an empty block");
            return counts;
        });
    }

    private boolean recordsBeforeBlocksGone() {
        Boolean gone = store.read(v -> ((MvView) v).maps.log(MvMaps.HISTORY).isEmpty());
        return gone;
    }

    @Test
    void readsNewestFirstAcrossBlocksUpToTheLimit() {
        store = MvStore.open(historyOf(100));
        commit(1, 3);
        commit(4, 4);
        commit(5, 9);
        assertEquals(ids(9, 1), history(100));
        assertEquals(ids(9, 6), history(4), "the limit ends inside a block");
        assertEquals(ids(9, 5), history(5), "the limit ends at a block's end");
        assertEquals(List.of(), history(0));
        assertEquals(List.of(3, 1, 5), blocks());
    }

    @Test
    void trimsWholeBlocksOnceTheNewerHoldTheHistorySize() {
        store = MvStore.open(historyOf(10));
        for (int c = 0; c < 6; c++) {
            commit(4 * c + 1, 4 * c + 4);
        }
        // 24 deliveries: the newest 3 blocks hold 12 >= 10, the older ones are dropped
        assertEquals(List.of(4, 4, 4), blocks());
        assertEquals(ids(24, 15), history(100), "no more than history_size, though the blocks hold 12");
        assertEquals(ids(24, 22), history(3));
        commit(25, 26);
        assertEquals(List.of(4, 4, 2), blocks(), "the blocks after the oldest hold 6, fewer than 10: it stays");
        commit(27, 30);
        assertEquals(List.of(4, 2, 4), blocks());
        assertEquals(ids(30, 21), history(100));
    }

    @Test
    void trimsBlocksOfOneDeliveryEach() {
        store = MvStore.open(historyOf(10));
        for (int i = 1; i <= 25; i++) {
            commit(i, i);
        }
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), blocks());
        assertEquals(ids(25, 16), history(100));
        commit(26, 30);
        assertEquals(List.of(1, 1, 1, 1, 1, 5), blocks());
        assertEquals(ids(30, 21), history(100));
    }

    @Test
    void aCommitOfMoreThanTheHistorySizeKeepsItsNewestAlone() {
        store = MvStore.open(historyOf(10));
        commit(1, 6);
        List<String> seenInside = store.write(false, tx -> {
            for (int i = 7; i <= 40; i++) {
                tx.addHistory(delivered(i));
            }
            return tx.history(100).stream().map(DeliveryView::eventId).toList();
        });
        assertEquals(ids(40, 31), seenInside, "the transaction sees its own, up to history_size");
        assertEquals(List.of(10), blocks());
        assertEquals(ids(40, 31), history(100));
    }

    @Test
    void readsAndTrimsTheRecordsOfAStoreWrittenBefore() {
        store = MvStore.open(historyOf(10));
        // a store written before the blocks: one record per delivery, under increasing ids
        store.write(false, tx -> {
            MVMap<Long, byte[]> records = ((MvView) tx).maps.log(MvMaps.HISTORY);
            for (int i = 1; i <= 10; i++) {
                records.put((long) i, RecordCodec.delivery(delivered(i)));
            }
            return null;
        });
        store.close();
        store = MvStore.open(historyOf(10));
        assertEquals(ids(10, 1), history(100));

        commit(11, 14);
        assertEquals(ids(14, 5), history(100), "the blocks first, then the records before them");
        assertEquals(ids(14, 12), history(3));
        assertEquals(ids(14, 9), history(6));
        commit(15, 18);
        assertEquals(ids(18, 9), history(100));
        assertFalse(recordsBeforeBlocksGone(), "8 in blocks: the records stay");

        commit(19, 22);
        assertTrue(recordsBeforeBlocksGone(), "the blocks hold history_size: the records are cleared");
        assertEquals(ids(22, 13), history(100));
        assertEquals(List.of(4, 4, 4), blocks());
    }

    @Test
    void survivesReopening() {
        store = MvStore.open(historyOf(10));
        commit(1, 7);
        commit(8, 12);
        store.close();
        store = MvStore.open(historyOf(10));
        assertEquals(ids(12, 3), history(100));
        commit(13, 13);
        assertEquals(ids(13, 4), history(100));
    }

    @Test
    void aRolledBackTransactionLeavesTheHistoryAsItWas() {
        store = MvStore.open(historyOf(10));
        commit(1, 4);
        try {
            store.write(false, tx -> {
                tx.addHistory(delivered(5));
                throw new IllegalStateException("rolled back");
            });
        } catch (RuntimeException expected) {
            // the store rolled the transaction back
        }
        assertEquals(ids(4, 1), history(100));
        commit(6, 6);
        assertEquals(List.of("e6", "e4", "e3", "e2", "e1"), history(100));
    }

    @Test
    void aBlockRoundTripsEveryFieldAndIsCompressedWhenItPays() {
        List<DeliveryView> many = IntStream.rangeClosed(1, 300).mapToObj(HistoryTest::delivered).toList();
        byte[] block = HistoryBlock.encode(many, 300);
        assertEquals(many, HistoryBlock.decode(block));
        assertEquals(300, HistoryBlock.count(block));
        assertEquals(300, HistoryBlock.total(block));
        int plain = many.stream().mapToInt(d -> RecordCodec.delivery(d).length).sum();
        assertTrue(block.length < plain / 2, block.length + " bytes for " + plain + " plain");

        List<DeliveryView> one = List.of(delivered(1));
        byte[] small = HistoryBlock.encode(one, 301);
        assertEquals(one, HistoryBlock.decode(small));
        // codec, count, total (2 bytes) and length before the record as it is
        assertEquals(RecordCodec.delivery(one.get(0)).length + 5, small.length, "a small block is kept as it is");
        assertEquals(301, HistoryBlock.total(small));
        assertTrue(HistoryBlock.isLast(HistoryBlock.last(301)));
        assertEquals(301, HistoryBlock.total(HistoryBlock.last(301)));
        assertEquals(List.of(), HistoryBlock.decode(HistoryBlock.last(301)));
    }
}
