package dev.herald.api.sink;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@code format} setting ({@link dev.herald.api.Sink#FORMAT}): the name of one of the
 * sink's built-in template sets, or of a set the user added under {@code
 * etc/herald/templates/<kind>/<format>/}. The name becomes a directory, so it is a plain name.
 */
public final class TemplateSets {
    /** The names the host looks up; anything else would be ignored by it. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private TemplateSets() {
    }

    /**
     * The trimmed set name.
     *
     * @param kind    the sink kind, for the directory in the message
     * @param builtIn the sets the bundle ships
     * @throws IllegalArgumentException naming {@code format}, the built-in sets and where user sets go
     */
    public static String name(String kind, String value, List<String> builtIn) {
        String v = value == null ? "" : value.trim();
        if (!NAME.matcher(v).matches()) {
            throw new IllegalArgumentException("format '" + value + "' is not a template set name: use "
                    + String.join(", ", builtIn) + ", or the name of a directory of templates you added under"
                    + " etc/herald/templates/" + kind + "/ (letters, digits, '.', '_' and '-')");
        }
        return v;
    }
}
