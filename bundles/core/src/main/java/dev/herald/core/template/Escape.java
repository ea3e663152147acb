package dev.herald.core.template;

import dev.herald.api.Sink;
import java.util.Locale;

/** How a sink's body is escaped ({@link Sink#TEMPLATE_ESCAPE}). */
public enum Escape {
    JSON, HTML, NONE;

    /** Reads the service property; anything missing or unknown is {@link #NONE}. */
    public static Escape of(Object property) {
        if (property == null) {
            return NONE;
        }
        return switch (property.toString().trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "html" -> HTML;
            default -> NONE;
        };
    }
}
