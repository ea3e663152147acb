package dev.herald.core.template;

import dev.herald.api.Sink;
import dev.herald.api.sink.Escaping;
import java.util.Locale;

/** How a sink's body is escaped ({@link Sink#TEMPLATE_ESCAPE}). */
public enum Escape {
    JSON, HTML, NONE;

    /** The body type a sink declares ({@link dev.herald.api.sink.TemplateEscape}). */
    public static Escape of(Escaping escaping) {
        return valueOf(escaping.name());
    }

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
