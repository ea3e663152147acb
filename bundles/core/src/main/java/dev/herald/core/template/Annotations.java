package dev.herald.core.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a route's {@code annotations.<key>} values: the key is a template variable name
 * (templates read {@code annotations.<key>}), the value a Pebble template rendered as plain text
 * with the event's variables; the sink's template escapes the result for its body. Checked when
 * the route is read, so that a template that cannot compile is the route's problem, not a failed
 * delivery.
 */
public final class Annotations {
    /** The prefix of an annotation's property in a route configuration. */
    public static final String PREFIX = "annotations.";
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Compiles only: plain text, Herald's own filters, no escaping (that is the sink template's job). */
    private static final PebbleEngine CHECK = new PebbleEngine.Builder().loader(new StringLoader())
            .extension(new HeraldFilters(Escape.NONE)).autoEscaping(false).cacheActive(false).build();

    private Annotations() {
    }

    /** What is wrong with annotation {@code key} = {@code template}, or empty when it is usable. */
    public static Optional<String> problem(String key, String template) {
        if (!KEY.matcher(key).matches()) {
            return Optional.of("annotation key '" + key + "' is not a name: use letters, digits and _ (not first),"
                    + " e.g. " + PREFIX + "summary, so that templates can read annotations." + "<key>");
        }
        try {
            CHECK.getLiteralTemplate(template);
            return Optional.empty();
        } catch (PebbleException e) {
            return Optional.of(PREFIX + key + " is not a valid template"
                    + (e.getLineNumber() == null ? "" : " (line " + e.getLineNumber() + ")") + ": "
                    + e.getPebbleMessage() + "; fix its {{ }} or {% %} tags");
        }
    }
}
