package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.core.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails on demand ({@link FullDisk}): a failed write on a disk that refuses writes, and
 * what happens once it takes them again (the same as DiskFullTest on a real tmpfs, for machines
 * where tests cannot mount); and durable commits, which are forced to disk off the store's writer
 * ({@link Syncer}), with forces held back or failing.
 */
class InjectedDiskFaultsTest {
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

    private Pending<Void> submitCheckpoint(String position) {
        return store.submit(true, tx -> {
            tx.putCheckpoint("src", Checkpoint.of(position));
            return null;
        });
    }

    private String position() {
        return store.read(v -> v.checkpoints("src")).get("");
    }

    private void awaitPosition(String position) throws InterruptedException {
        for (int i = 0; i < 500 && !position.equals(position()); i++) {
            Thread.sleep(10);
        }
        assertEquals(position, position());
    }

    @Test
    void aDurableWriteIsDoneOnlyOnceForcedAndTheWriterCommitsTheNextOneMeanwhile() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir), FullDisk.PREFIX);
        FullDisk.holdForces();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> submitCheckpoint("1").await());
        FullDisk.awaitHeldForce();

        Pending<Void> second = submitCheckpoint("2");

        awaitPosition("2"); // committed by the writer while the force of the first is held back
        assertFalse(first.isDone(), "a durable write is not done before its force");
        FullDisk.releaseForces();
        first.get(10, TimeUnit.SECONDS);
        second.await();
        assertEquals("2", position());
    }

    @Test
    void aFailedForceFailsTheWritesWaitingForItAndTheFileIsOpenedAgain() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir), FullDisk.PREFIX);
        submitCheckpoint("1").await();
        FullDisk.holdForces();
        Pending<Void> second = submitCheckpoint("2");
        FullDisk.awaitHeldForce();
        Pending<Void> third = submitCheckpoint("3");
        awaitPosition("3");
        // the writer cannot open the file again before the third's force: that force works
        CountDownLatch writerBusy = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        Pending<Object> busy = store.submit(false, tx -> {
            writerBusy.countDown();
            return release.join();
        });
        assertTrue(writerBusy.await(10, TimeUnit.SECONDS));
        FullDisk.breakNextForce();
        FullDisk.releaseForces();

        StoreException e = assertThrows(StoreException.class, second::await);
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertThrows(StoreException.class, third::await,
                "committed after a failed force, on the same file: not reported kept though its own force worked");
        release.complete(null);
        busy.await();

        submitCheckpoint("4").await();
        assertEquals("4", position());
        assertEquals(List.of(), store.problems());
        assertEquals(Map.of("", "4"), store.read(v -> v.checkpoints("src")));
    }
}
