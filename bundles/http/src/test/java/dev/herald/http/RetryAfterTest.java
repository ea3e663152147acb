package dev.herald.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    /** 1994-11-06T08:49:07Z, 30 s before the RFC's example date. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("1994-11-06T08:49:07Z"), ZoneOffset.UTC);

    @Test
    void deltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", CLOCK));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(" 0 ", CLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Sun, 06 Nov 1994 08:49:37 GMT",   // IMF-fixdate
            "Sunday, 06-Nov-94 08:49:37 GMT",  // obsolete RFC 850
            "Sun Nov  6 08:49:37 1994"})       // obsolete asctime
    void httpDatesInTheThreeFormsOfRfc9110(String date) {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(date, CLOCK));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 05 Nov 1994 08:49:37 GMT", CLOCK));
    }

    @Test
    void farFutureWaitsAreReadAsGivenForTheDispatcherToCap() {
        assertEquals(Optional.of(Duration.ofSeconds(1_000_000_000_000L)), RetryAfter.parse("1000000000000", CLOCK));
        assertEquals(Optional.of(Duration.between(CLOCK.instant(), Instant.parse("9999-12-31T23:59:59Z"))),
                RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", CLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "99999999999999999999999", "Sun, 32 Nov 1994 08:49:37 GMT"})
    void anythingElseIsIgnored(String value) {
        assertEquals(Optional.empty(), RetryAfter.parse(value, CLOCK));
    }

    @Test
    void absentIsIgnored() {
        assertEquals(Optional.empty(), RetryAfter.parse(null));
    }
}
