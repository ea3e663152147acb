package dev.herald.webconsole;

import dev.herald.api.Severity;
import dev.herald.api.admin.EventView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import javax.servlet.http.HttpServletRequest;

/**
 * The event search form: free text (id, type, source instance or raw text, as
 * {@code herald:events} searches), and optionally an exact source instance, an exact type, a
 * severity and a range of event times.
 *
 * @param text     free text, or blank
 * @param instance source instance, or null
 * @param type     event type, or null
 * @param severity severity, or null
 * @param from     earliest event time, inclusive, or null
 * @param to       latest event time, exclusive, or null
 * @param limit    at most this many results
 */
record EventQuery(String text, String instance, String type, Severity severity, Instant from, Instant to,
                  int limit) {

    static final int MAX_LIMIT = 1000;

    /**
     * Reads the form's parameters.
     *
     * @throws IllegalArgumentException naming the parameter that is wrong and what it expects
     */
    static EventQuery of(HttpServletRequest request) {
        return new EventQuery(blankToNull(request.getParameter("q")),
                blankToNull(request.getParameter("instance")),
                blankToNull(request.getParameter("type")),
                parse(request, "severity", word -> Severity.parse(word).orElseThrow(() -> new IllegalArgumentException(
                        "severity '" + word + "' is not one of info, low, medium, high, critical"))),
                parse(request, "from", EventQuery::instant),
                parse(request, "to", EventQuery::instant),
                limit(request.getParameter("limit")));
    }

    boolean matches(EventView view) {
        var event = view.event();
        return (instance == null || instance.equals(event.instance()))
                && (type == null || type.equals(event.type()))
                && (severity == null || severity == event.severity())
                && (from == null || !event.time().isBefore(from))
                && (to == null || event.time().isBefore(to));
    }

    private static <T> T parse(HttpServletRequest request, String name, Function<String, T> parser) {
        String value = blankToNull(request.getParameter(name));
        return value == null ? null : parser.apply(value);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + value + "' is not an ISO-8601 instant such as 2026-01-31T23:59:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + value + "' is not a number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
