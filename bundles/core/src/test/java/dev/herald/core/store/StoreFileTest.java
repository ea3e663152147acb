package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Herald does with a store file it cannot use at start: corrupt, truncated, or held by another process. */
class StoreFileTest {
    @TempDir
    Path dir;
    /** Closed after each test, so that the next one opens the file anew. */
    @AutoClose
    MvStore store;

    private Path file() {
        return dir.resolve(MvStore.FILE_NAME);
    }

    private List<Path> movedAside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(MvStore.FILE_NAME + ".corrupt-")).toList();
        }
    }

    /** The store works: a write commits and reads back. */
    private void assertUsable() {
        store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of("7"));
            return null;
        });
        assertEquals(Map.of("", "7"), store.read(v -> v.checkpoints("src")));
    }

    private void assertReplacedLoudly(Path aside) {
        List<String> problems = store.problems();
        assertEquals(1, problems.size(), problems.toString());
        String notice = problems.get(0);
        assertTrue(notice.contains("the store " + file().toAbsolutePath() + " was corrupt"), notice);
        assertTrue(notice.contains("moved to " + aside.toAbsolutePath()), notice);
        assertTrue(notice.contains("events, outbox entries, dead letters, quarantined records, checkpoints and"
                + " counters in it were not recovered"), notice);
        assertTrue(notice.contains("sources resume from their configured start"), notice);
        assertFalse(notice.contains("another Herald"), notice);
    }

    @Test
    void aGarbageFileIsMovedAsideAndANewStoreIsCreated() throws Exception {
        byte[] garbage = "this is not a store, just text\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file(), garbage);

        store = MvStore.open(TestSettings.defaults(dir));

        List<Path> aside = movedAside();
        assertEquals(1, aside.size(), aside.toString());
        assertTrue(aside.get(0).getFileName().toString().matches("herald\\.mv\\.db\\.corrupt-\\d{8}-\\d{6}"),
                aside.get(0).toString());
        assertArrayEquals(garbage, Files.readAllBytes(aside.get(0)), "the corrupt file is kept as it was");
        assertReplacedLoudly(aside.get(0));
        assertUsable();
    }

    @Test
    void aTruncatedStoreIsMovedAsideAndANewStoreIsCreated() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir));
        store.write(true, tx -> {
            for (int i = 0; i < 200; i++) {
                byte[] event = EventCodec.encode(TestEvents.event("e" + i, "json", "t", "{\"n\":" + i + "}"));
                tx.enqueue("slack", "r", Severity.HIGH, tx.appendEvent(1000, List.of(), event), 1000);
            }
            return null;
        });
        store.close();
        store = null;
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(5_000);                 // cut inside the file's headers
        }

        store = MvStore.open(TestSettings.defaults(dir));

        List<Path> aside = movedAside();
        assertEquals(1, aside.size(), aside.toString());
        assertEquals(5_000, Files.size(aside.get(0)));
        assertReplacedLoudly(aside.get(0));
        assertEquals(0L, (long) store.read(v -> v.pending("slack")), "a new, empty store");
        assertUsable();
    }

    @Test
    void aFileAnotherProcessHoldsIsNamedAndNeverMoved() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir));

        StoreException e = assertThrows(StoreException.class, () -> MvStore.open(TestSettings.defaults(dir)));

        String file = file().toAbsolutePath().toString();
        assertTrue(e.getMessage().contains("the store " + file + " is locked by another process"), e.getMessage());
        assertTrue(e.getMessage().contains("fuser -v " + file), e.getMessage());
        assertTrue(e.getMessage().contains("lsof " + file), e.getMessage());
        assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals(List.of(), movedAside(), "a locked store is never moved aside");
        assertEquals(List.of(), store.problems());
        assertUsable();
    }

    @Test
    void aHealthyStoreHasNoProblems() {
        store = MvStore.open(TestSettings.defaults(dir));
        assertUsable();
        store.close();
        store = MvStore.open(TestSettings.defaults(dir));
        assertEquals(List.of(), store.problems());
        assertEquals(Map.of("", "7"), store.read(v -> v.checkpoints("src")));
    }
}
