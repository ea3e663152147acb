package dev.herald.api;

import java.util.Locale;
import java.util.Optional;

/** Herald's normalised severity scale, lowest first. Routes may raise it. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** Worked out once: templates and sinks ask for it for every delivery. */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in the JSON envelope and in configuration. */
    public String label() {
        return label;
    }

    /**
     * Maps a vendor's severity word to Herald's scale: Herald's own labels, ASFF labels
     * ({@code INFORMATIONAL}, {@code LOW}, …), Illumio's and syslog's ({@code notice},
     * {@code warning}, {@code err}, {@code crit}, …). Case is ignored.
     *
     * @return empty when the word is not a known severity
     */
    public static Optional<Severity> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "info": case "informational": case "debug": case "none":
                return Optional.of(INFO);
            case "low": case "notice":
                return Optional.of(LOW);
            case "medium": case "moderate": case "warning": case "warn":
                return Optional.of(MEDIUM);
            case "high": case "err": case "error": case "severe":
                return Optional.of(HIGH);
            case "critical": case "crit": case "alert": case "emerg": case "emergency": case "fatal":
                return Optional.of(CRITICAL);
            default:
                return Optional.empty();
        }
    }

    /** Like {@link #parse(String)}, with a clear error for an unknown word. */
    public static Severity of(String word) {
        return parse(word).orElseThrow(() -> new IllegalArgumentException(
                "unknown severity '" + word + "': use one of info, low, medium, high, critical"));
    }

    /** The higher of this and {@code other}. */
    public Severity atLeast(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
