package dev.herald.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final List<Duration> waits = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(2, nanos::get, d -> {
        waits.add(d);
        nanos.addAndGet(d.toNanos());
    });

    @Test
    void requestsAreSpacedByTheInterval() throws Exception {
        pacer.acquire();
        pacer.acquire();
        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        pacer.acquire();

        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(300)), waits);
    }

    @Test
    void aCallerIdleLongerThanTheIntervalGoesAtOnce() throws Exception {
        pacer.acquire();
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        pacer.acquire();
        pacer.acquire();

        assertEquals(List.of(Duration.ofMillis(500)), waits, "no burst is saved up while idle");
    }
}
