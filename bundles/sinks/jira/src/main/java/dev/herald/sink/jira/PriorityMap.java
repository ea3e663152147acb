package dev.herald.sink.jira;

import dev.herald.api.Severity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code priorities} setting: which Jira priority each Herald severity gets. */
final class PriorityMap {
    static final String DEFAULT = "critical=Highest,high=High,medium=Medium,low=Low,info=Lowest";

    private final Map<Severity, String> names;

    private PriorityMap(Map<Severity, String> names) {
        this.names = names;
    }

    /**
     * Parses {@code severity=Priority name} pairs separated by commas. A severity left out gets no
     * priority (Jira's default applies); an empty value sets none at all, for a create screen
     * without the Priority field.
     */
    static PriorityMap parse(String value) {
        Map<Severity, String> names = new EnumMap<>(Severity.class);
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return new PriorityMap(names);
        }
        for (String pair : v.split(",")) {
            int eq = pair.indexOf('=');
            String severity = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            String name = eq < 0 ? "" : pair.substring(eq + 1).strip();
            Severity s = Severity.parse(severity).filter(p -> p.label().equals(severity.toLowerCase(Locale.ROOT)))
                    .orElseThrow(() -> new IllegalArgumentException("priorities: '" + severity + "' is not a Herald"
                            + " severity; write e.g. " + DEFAULT));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("priorities: '" + pair.strip() + "' needs a Jira priority name"
                        + " after '='; write e.g. " + DEFAULT);
            }
            if (names.put(s, name) != null) {
                throw new IllegalArgumentException("priorities: " + s.label() + " is mapped twice");
            }
        }
        return new PriorityMap(names);
    }

    /** The Jira priority name for {@code severity}, if one is configured. */
    Optional<String> nameFor(Severity severity) {
        return Optional.ofNullable(names.get(severity));
    }
}
