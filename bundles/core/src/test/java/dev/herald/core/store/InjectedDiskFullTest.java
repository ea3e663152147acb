package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed write on a disk that refuses writes ({@link FullDisk}), and what happens once it takes
 * them again; the same as DiskFullTest on a real tmpfs, for machines where tests cannot mount.
 */
class InjectedDiskFullTest {
    @TempDir
    Path dir;
    MvStore store;

    @BeforeAll
    static void register() {
        FullDisk.register();
    }

    @AfterEach
    void close() {
        FullDisk.free();
        if (store != null) {
            store.close();
        }
    }

    private void checkpoint(String position) {
        store.write(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of(position));
            return null;
        });
    }

    @Test
    void writesFailWhileTheDiskIsFullAndResumeOnceItTakesWritesAgain() {
        store = MvStore.open(TestSettings.defaults(dir), FullDisk.PREFIX);
        checkpoint("1");
        FullDisk.fill();

        StoreException e = assertThrows(StoreException.class, () -> checkpoint("2"));

        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        List<String> problems = store.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("a write to the store failed: No space left on device."),
                problems.get(0));
        assertThrows(StoreException.class, () -> checkpoint("2"), "still full");
        assertEquals(Map.of("", "1"), store.read(v -> v.checkpoints("src")), "the failed writes kept nothing");

        FullDisk.free();

        checkpoint("3");
        assertEquals(Map.of("", "3"), store.read(v -> v.checkpoints("src")));
        assertEquals(List.of(), store.problems());
    }
}
