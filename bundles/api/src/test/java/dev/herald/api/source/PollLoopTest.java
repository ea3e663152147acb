package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollLoopTest {

    @Test
    void aFailedPollIsFollowedByTheNextOneAndTheWaitComesFromThePoll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        PollLoop loop = new PollLoop("test-poll", "test source", Duration.ofMillis(1));
        loop.start(() -> {
            int n = polls.incrementAndGet();
            third.countDown();
            if (n == 1) {
                throw new IllegalStateException("a bad answer");
            }
            return Duration.ofMillis(1);
        });
        assertTrue(third.await(10, TimeUnit.SECONDS), "polling went on after a failure");
        loop.stop();
    }

    @Test
    void stopInterruptsAPollInProgressAndNothingFollows() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        PollLoop loop = new PollLoop("test-poll", "test source", Duration.ofMillis(1));
        loop.start(() -> {
            polls.incrementAndGet();
            waiting.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Duration.ZERO;
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        loop.stop();
        assertTrue(interrupted.await(0, TimeUnit.SECONDS), "the poll in progress was interrupted");
        assertEquals(1, polls.get());
    }

    /** A poll reading records checks stopping() between them; it sees the stop even if it swallows the interrupt. */
    @Test
    void aPollInProgressSeesStoppingAndStopReturnsOnceItEnded() throws Exception {
        PollLoop loop = new PollLoop("test-poll", "test source", Duration.ofMillis(1));
        CountDownLatch reading = new CountDownLatch(1);
        AtomicBoolean sawStopping = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        loop.start(() -> {
            reading.countDown();
            while (!loop.stopping()) {
                Thread.interrupted(); // a library that swallows the interrupt
                Thread.onSpinWait();
            }
            sawStopping.set(true);
            ended.set(true);
            return Duration.ZERO;
        });
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        assertFalse(loop.stopping());
        loop.stop();
        assertTrue(loop.stopping());
        assertTrue(sawStopping.get() && ended.get(), "stop() returned only once the poll in progress had ended");
    }
}
