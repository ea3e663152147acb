package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    @Test
    void grantsTheLimitPerWindowThenSaysHowLongToWait() {
        AtomicLong nanos = new AtomicLong();
        RequestBudget budget = new RequestBudget(3, Duration.ofSeconds(60), nanos::get, d -> { });
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), budget.tryAcquire());
            nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), budget.tryAcquire());
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(Optional.empty(), budget.tryAcquire());
        assertTrue(budget.tryAcquire().isPresent());
    }

    @Test
    void isSharedPerPceAndApiUser() {
        URI pce = URI.create("https://pce.example.com:8443");
        assertSame(RequestBudget.shared(pce, "api_1"), RequestBudget.shared(URI.create("https://PCE.example.com:8443"), "api_1"));
        assertNotSame(RequestBudget.shared(pce, "api_1"), RequestBudget.shared(pce, "api_2"));
        assertNotSame(RequestBudget.shared(pce, "api_1"), RequestBudget.shared(URI.create("https://other:8443"), "api_1"));
    }
}
