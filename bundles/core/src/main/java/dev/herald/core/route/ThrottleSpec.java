package dev.herald.core.route;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's throttle: at most {@code limit} events per {@code period}, counted per value of
 * {@code keyPath} (null: the whole route).
 */
record ThrottleSpec(int limit, Duration period, String keyPath) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d*)\\s*([smhd])\\s*");

    /** Parses {@code N/period} such as {@code 5/10m} or {@code 100/h}. */
    static ThrottleSpec parse(String text, String keyPath) {
        Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("throttle '" + text
                    + "' is not N/period: write e.g. 5/10m (units s, m, h, d)");
        }
        int limit = Integer.parseInt(m.group(1));
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        if (limit < 1 || amount < 1) {
            throw new IllegalArgumentException("throttle '" + text + "' must allow at least 1 event per period of at least 1 "
                    + m.group(3));
        }
        Duration unit = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new ThrottleSpec(limit, unit.multipliedBy(amount), keyPath);
    }
}
