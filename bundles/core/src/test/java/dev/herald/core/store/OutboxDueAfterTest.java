package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink's worker reads its next batch while the last one is still in the outbox (its removal not
 * yet committed): {@link StoreView#due(String, long, int, OutboxEntry)} gives the entries after it.
 */
class OutboxDueAfterTest {
    @TempDir
    Path dir;
    @AutoClose
    MvStore store;

    private List<String> ids(List<OutboxEntry> entries) {
        return entries.stream().map(e -> e.decodeEvent().id()).toList();
    }

    @Test
    void theEntriesAfterOneInDueThenSequenceOrder() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        store.write(false, tx -> {
            for (String id : List.of("a", "b", "c", "d")) {
                tx.enqueue("s", "r1", Severity.HIGH, tx.appendEvent(now,
                        List.of("r1"), EventCodec.encode(TestEvents.event(id, "json", "t", "{}"))), now);
            }
            // due later than the others, though created last but one
            tx.enqueue("s", "r1", Severity.HIGH, tx.appendEvent(now,
                    List.of("r1"), EventCodec.encode(TestEvents.event("later", "json", "t", "{}"))), now + 10);
            return null;
        });
        List<OutboxEntry> first = store.read(v -> v.due("s", now + 10, 2));
        assertEquals(List.of("a", "b"), ids(first));

        assertEquals(List.of("c", "d"), ids(store.read(v -> v.due("s", now + 10, 2, first.get(1)))));
        assertEquals(List.of("c", "d", "later"), ids(store.read(v -> v.due("s", now + 10, 10, first.get(1)))));
        assertEquals(List.of("c", "d"), ids(store.read(v -> v.due("s", now, 10, first.get(1)))), "only what is due");
        assertEquals(List.of("a", "b", "c", "d"), ids(store.read(v -> v.due("s", now, 10, null))), "null: from the start");
    }

    @Test
    void theEntriesAfterOneThatHasLeftTheOutbox() {
        store = MvStore.open(TestSettings.defaults(dir));
        long now = System.currentTimeMillis();
        store.write(false, tx -> {
            for (String id : List.of("a", "b", "c")) {
                tx.enqueue("s", "r1", Severity.HIGH, tx.appendEvent(now,
                        List.of("r1"), EventCodec.encode(TestEvents.event(id, "json", "t", "{}"))), now);
            }
            return null;
        });
        OutboxEntry a = store.read(v -> v.due("s", now, 1)).get(0);
        store.write(false, tx -> tx.removeOutbox(a));

        assertEquals(List.of("b", "c"), ids(store.submitRead(v -> v.due("s", now, 10, a)).await()));
    }
}
