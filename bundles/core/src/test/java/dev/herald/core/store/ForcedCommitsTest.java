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
 * Durable commits are forced to disk off the store's writer ({@link Syncer}): shown on a disk whose
 * forces the test holds back or breaks ({@link FullDisk}).
 */
class ForcedCommitsTest {
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

    private Pending<Void> checkpoint(String position) {
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDurableWriteIsDoneOnlyOnceForcedAndTheWriterCommitsTheNextOneMeanwhile() throws Exception {
        store = MvStore.open(TestSettings.defaults(dir), FullDisk.PREFIX);
        FullDisk.holdForces();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> checkpoint("1").await());
        FullDisk.awaitHeldForce();

        Pending<Void> second = checkpoint("2");

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
        checkpoint("1").await();
        FullDisk.holdForces();
        Pending<Void> second = checkpoint("2");
        FullDisk.awaitHeldForce();
        Pending<Void> third = checkpoint("3");
        awaitPosition("3");
        // the writer cannot open the file again before the third's force: that force works
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Pending<Object> busy = store.submit(false, tx -> {
            writerBusy.countDown();
            awaitQuietly(release);
            return null;
        });
        assertTrue(writerBusy.await(10, TimeUnit.SECONDS));
        FullDisk.breakNextForce();
        FullDisk.releaseForces();

        StoreException e = assertThrows(StoreException.class, second::await);
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertThrows(StoreException.class, third::await,
                "committed after a failed force, on the same file: not reported kept though its own force worked");
        release.countDown();
        busy.await();

        checkpoint("4").await();
        assertEquals("4", position());
        assertEquals(List.of(), store.problems());
        assertEquals(Map.of("", "4"), store.read(v -> v.checkpoints("src")));
    }
}
