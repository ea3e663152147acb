package dev.herald.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date in
 * any of the three forms recipients must accept. Sources polling asynchronous jobs (the PCE's
 * {@code 202 Accepted}) use it as well as the response classification.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** As {@link #parse(String, Clock)} against the system clock. */
    public static Optional<Duration> parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    /**
     * How long to wait: the seconds given, or the time until the date given (zero when it has
     * passed).
     *
     * @return empty when the value is absent or not a valid {@code Retry-After}
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        return date(v, clock).map(at -> {
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }

    private static Optional<Instant> date(String value, Clock clock) {
        for (DateTimeFormatter format : formats(clock)) {
            try {
                return Optional.of(ZonedDateTime.parse(value, format).toInstant());
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** IMF-fixdate, obsolete RFC 850 (two-digit year, at most 50 years ahead) and asctime. */
    private static List<DateTimeFormatter> formats(Clock clock) {
        int earliestYear = ZonedDateTime.now(clock).getYear() - 49;
        DateTimeFormatter rfc850 = new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, earliestYear)
                .appendPattern(" HH:mm:ss zzz")
                .toFormatter(Locale.US);
        DateTimeFormatter asctime = new DateTimeFormatterBuilder()
                .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
        return List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850, asctime);
    }
}
