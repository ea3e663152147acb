package dev.herald.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as an operator types it: an ISO-8601 time ({@code 2026-11-20T10:00:00Z}, or
 * with an offset), a date (midnight UTC), or an age before now ({@code 90m}, {@code 36h},
 * {@code 7d}).
 */
final class TimeArgument {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

    private TimeArgument() {
    }

    /** @param option the option's name, for the error message */
    static Instant parse(String text, String option, Instant now) {
        String t = text.strip();
        Matcher age = AGE.matcher(t.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            return now.minus(switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException(option + " '" + text + "' is not a time: give an ISO-8601 time"
                        + " (2026-11-20T10:00:00Z), a date (2026-11-20, UTC) or an age such as 90m, 36h or 7d");
            }
        }
    }
}
