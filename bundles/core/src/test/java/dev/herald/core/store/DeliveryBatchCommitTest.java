package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.admin.DeliveryView;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch of deliveries is one transaction that marks its sink delivered and adds a history
 * record per delivery; the marks and the trimming of the history are written once, at the end,
 * with the same outcome as writing each as it came.
 */
class DeliveryBatchCommitTest {
    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    private CoreSettings historyOf(int size) {
        return TestSettings.withHistorySize(dir, size);
    }

    private static DeliveryView delivered(String sink, int i) {
        return new DeliveryView(Instant.ofEpochMilli(1_000 + i), sink, "r", "e" + i, 1, "delivered", null);
    }

    @Test
    void aBatchKeepsTheNewestHistoryAndTheLastDeliveryTime() {
        store = MvStore.open(historyOf(10));
        Optional<Instant> seenInside = store.write(false, tx -> {
            for (int i = 1; i <= 25; i++) {
                tx.addHistory(delivered("syslog", i));
                tx.markDelivered("syslog", 1_000 + i);
            }
            tx.markDelivered("other", 5);
            return tx.lastSuccess("syslog");
        });

        assertEquals(Optional.of(Instant.ofEpochMilli(1_025)), seenInside, "the transaction sees its own marks");
        assertEquals(Optional.of(Instant.ofEpochMilli(1_025)), store.read(v -> v.lastSuccess("syslog")));
        assertEquals(Optional.of(Instant.ofEpochMilli(5)), store.read(v -> v.lastSuccess("other")));
        List<DeliveryView> history = store.read(v -> v.history(100));
        assertEquals(10, history.size(), "trimmed to history_size");
        assertEquals(List.of("e25", "e24", "e23", "e22", "e21", "e20", "e19", "e18", "e17", "e16"),
                history.stream().map(DeliveryView::eventId).toList());
    }

    @Test
    void aBatchLongerThanTheHistoryWritesOnlyItsNewestAndTheTransactionSeesItsOwn() {
        store = MvStore.open(historyOf(10));
        store.write(false, tx -> {
            for (int i = 1; i <= 6; i++) {
                tx.addHistory(delivered("syslog", i));
            }
            return null;
        });
        List<String> seenInside = store.write(false, tx -> {
            for (int i = 7; i <= 30; i++) {
                tx.addHistory(delivered("syslog", i));
            }
            return tx.history(3).stream().map(DeliveryView::eventId).toList();
        });
        assertEquals(List.of("e30", "e29", "e28"), seenInside);
        assertEquals(List.of("e30", "e29", "e28", "e27", "e26", "e25", "e24", "e23", "e22", "e21"),
                store.read(v -> v.history(100)).stream().map(DeliveryView::eventId).toList());
        store.write(false, tx -> {
            tx.addHistory(delivered("syslog", 31));
            return null;
        });
        assertEquals(List.of("e31", "e30", "e29", "e28", "e27", "e26", "e25", "e24", "e23", "e22"),
                store.read(v -> v.history(100)).stream().map(DeliveryView::eventId).toList());
    }

    @Test
    void aRolledBackBatchMarksNothing() {
        store = MvStore.open(historyOf(10));
        try {
            store.write(false, tx -> {
                tx.addHistory(delivered("syslog", 1));
                tx.markDelivered("syslog", 1_001);
                throw new IllegalStateException("the batch fails");
            });
        } catch (IllegalStateException expected) {
            // nothing of it is kept
        }
        assertEquals(Optional.empty(), store.read(v -> v.lastSuccess("syslog")));
        assertEquals(List.of(), store.read(v -> v.history(100)));
    }
}
