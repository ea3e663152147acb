package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreThreadsTest {
    private final StoreThreads threads = new StoreThreads("test-store");

    @AfterEach
    void shutdown() {
        threads.shutdown();
    }

    @Test
    void aWriteInTheFirstLaneRunsBeforeTheQueuedOnesThatWaitAndEachLaneKeepsItsOrder() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        Pending<Object> busy = threads.write(StoreThreads.Lane.QUEUED, () -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
            return null;
        });
        assertTrue(running.await(30, TimeUnit.SECONDS));
        List<Pending<Object>> writes = List.of(
                write(StoreThreads.Lane.QUEUED, "bulk 1", ran), write(StoreThreads.Lane.QUEUED, "bulk 2", ran),
                write(StoreThreads.Lane.FIRST, "push 1", ran), write(StoreThreads.Lane.QUEUED, "bulk 3", ran),
                write(StoreThreads.Lane.FIRST, "push 2", ran));
        release.countDown();
        busy.await();
        writes.forEach(Pending::await);
        assertEquals(List.of("push 1", "push 2", "bulk 1", "bulk 2", "bulk 3"), ran);
    }

    private Pending<Object> write(StoreThreads.Lane lane, String name, List<String> ran) {
        return threads.write(lane, () -> ran.add(name));
    }
}
