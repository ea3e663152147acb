package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollLoopTest {

    @Test
    void aFailedPollIsFollowedByTheNextOneAndTheWaitComesFromThePoll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        PollLoop loop = PollLoop.start("test-poll", "test source", Duration.ofMillis(1), () -> {
            int n = polls.incrementAndGet();
            third.countDown();
            if (n == 1) {
                throw new IllegalStateException("a bad answer");
            }
            return Duration.ofMillis(1);
        });
        assertTrue(third.await(10, TimeUnit.SECONDS), "polling went on after a failure");
        loop.stop(Duration.ofSeconds(5));
    }

    @Test
    void stopInterruptsAPollInProgressAndNothingFollows() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        PollLoop loop = PollLoop.start("test-poll", "test source", Duration.ofMillis(1), () -> {
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
        loop.stop(Duration.ofSeconds(5));
        assertTrue(interrupted.await(0, TimeUnit.SECONDS), "the poll in progress was interrupted");
        assertEquals(1, polls.get());
    }
}
