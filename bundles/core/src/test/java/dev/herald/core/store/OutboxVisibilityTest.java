package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers (a sink's worker, the orphan sweeper, the shell's outbox listing) read the outbox while
 * the journal writes, and MVStore shows a put to other threads at once. An entry must not be seen
 * before its event is in the event log: a worker would take it for unreadable and dead-letter it.
 * DispatcherTest hit that once ("event 3 of outbox entry 3 is not in the event log"): the worker
 * found the entry in the window between the event block's write and the log's next key, where
 * its own check for an event still being written says no.
 */
class OutboxVisibilityTest {
    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    @Test
    void aReaderSeesAnEntryOnlyOnceItsEventIsInTheLog() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        byte[] event = EventCodec.encode(TestEvents.event("e1", "json", "t", "{\"msg\":\"e1\"}"));

        // the sink's outbox exists already, with an entry that is not due yet
        store.write(false, tx -> tx.enqueue("s", "r1", Severity.HIGH,
                tx.appendEvent(now, List.of("r1"), EventCodec.encode(TestEvents.event("later", "json", "t", "{}"))),
                now + 3_600_000));

        long seenMidway = store.write(false, tx -> {
            tx.enqueue("s", "r1", Severity.HIGH, tx.appendEvent(now, List.of("r1"), event), now);
            // what a reader on another thread sees while this transaction is still being written
            return CompletableFuture.supplyAsync(() -> store.read(v -> v.pending("s"))).join();
        });

        assertEquals(1, seenMidway, "only the entry written before: the new one has no event in the log yet");
        List<OutboxEntry> after = store.read(v -> v.due("s", now, 10));
        assertEquals(1, after.size());
        assertEquals("e1", after.get(0).decodeEvent().id());
    }
}
