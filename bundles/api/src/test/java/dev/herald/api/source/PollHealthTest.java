package dev.herald.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PollHealth health = new PollHealth("eu-west-1: ", Duration.ofSeconds(60));

    @Test
    void retryableFailuresBackOffExponentiallyUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(60), health.failed("unreachable", Optional.empty(), T0));
        assertFalse(health.due(T0.plusSeconds(59)));
        assertTrue(health.due(T0.plusSeconds(60)));
        assertEquals(Duration.ofSeconds(120), health.failed("unreachable", Optional.empty(), T0));
        assertTrue(health.due(T0.plusSeconds(120)) && !health.due(T0.plusSeconds(119)));
        for (int i = 0; i < 10; i++) {
            health.failed("unreachable", Optional.empty(), T0);
        }
        assertTrue(health.due(T0.plus(Duration.ofMinutes(5))), "capped at five minutes");
        assertEquals("eu-west-1: unreachable; asking again in 300 s", health.problem().orElseThrow());
    }

    @Test
    void retryAfterIsHonouredUpToAnHour() {
        assertEquals(Duration.ofSeconds(17), health.failed("throttled", Optional.of(Duration.ofSeconds(17)), T0));
        assertEquals(Duration.ofHours(1), health.failed("throttled", Optional.of(Duration.ofDays(400)), T0));
        assertFalse(health.due(T0.plus(Duration.ofHours(1)).minusSeconds(1)));
    }

    @Test
    void aRefusalWaitsFiveMinutesAndAnAnswerClearsEverything() {
        assertEquals(PollHealth.REFUSED_RETRY, health.refused("HTTP 403 AccessDeniedException: no", T0));
        assertFalse(health.due(T0.plus(PollHealth.REFUSED_RETRY).minusSeconds(1)));
        assertTrue(health.due(T0.plus(PollHealth.REFUSED_RETRY)));
        assertEquals("eu-west-1: HTTP 403 AccessDeniedException: no; asking again in 300 s",
                health.problem().orElseThrow());

        health.readAgain();

        assertTrue(health.due(T0));
        assertTrue(health.problem().isEmpty());
    }

    @Test
    void aRefusalWaitsAtLeastThePollInterval() {
        PollHealth slow = new PollHealth("", Duration.ofMinutes(10));
        assertEquals(Duration.ofMinutes(10), slow.refused("refused", T0));
    }
}
