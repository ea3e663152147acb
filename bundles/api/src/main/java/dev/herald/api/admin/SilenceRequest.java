package dev.herald.api.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A silence to add: for {@code duration} from now, notifications of events that match
 * {@code pattern} are not sent to {@code sinks} (every sink when empty), only counted.
 *
 * @param pattern  an EventBridge event pattern, as routes use
 * @param sinks    only these sinks, or empty for every sink
 * @param duration how long it lasts from now; positive
 * @param comment  why (required: whoever sees the silence later must know)
 * @param creator  who adds it (the shell or web console user), or null when unknown
 */
public record SilenceRequest(String pattern, List<String> sinks, Duration duration, String comment, String creator) {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");

    public SilenceRequest {
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
    }

    /**
     * A duration as an operator types it: {@code 30m}, {@code 2h}, {@code 1d}, {@code 1w} (also
     * {@code 90s}), or ISO-8601 such as {@code PT2H30M} or {@code P1D}.
     *
     * @param what what the text is, for the error message (such as {@code --for})
     * @throws IllegalArgumentException when it is missing, not a duration or not positive, saying so
     */
    public static Duration duration(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: say how long, such as 30m, 2h, 1d or PT2H30M");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + " '" + text + "' is not a duration: give a number with a"
                        + " unit (30m, 2h, 1d, 1w) or ISO-8601 (PT2H30M, P1D)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " '" + text + "' must be longer than zero");
        }
        return d;
    }
}
