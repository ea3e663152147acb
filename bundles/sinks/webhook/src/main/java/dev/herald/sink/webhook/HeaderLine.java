package dev.herald.sink.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** One configured extra header, parsed from {@code "Name: value"}. */
record HeaderLine(String name, String value) {
    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Set by the JDK client itself; it refuses them. */
    private static final Set<String> TRANSPORT = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /**
     * Parses the {@code headers} setting. An entry may hold several lines (a .cfg file cannot
     * hold an array, so {@code \n} separates headers there).
     *
     * @param reserved headers Herald sets itself
     */
    static List<HeaderLine> parseAll(String[] entries, List<String> reserved) {
        List<HeaderLine> headers = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String line : entry.split("\\R")) {
                if (!line.isBlank()) {
                    headers.add(parse(line.trim(), reserved));
                }
            }
        }
        return List.copyOf(headers);
    }

    private static HeaderLine parse(String line, List<String> reserved) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon).trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("headers entry '" + line + "' is not 'Name: value', e.g."
                    + " 'X-Environment: production'");
        }
        if (TRANSPORT.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("headers entry '" + name + "': the HTTP client sets " + name
                    + " itself; remove it");
        }
        for (String own : reserved) {
            if (own.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("headers entry '" + name + "': Herald sets " + own
                        + " itself (" + why(own) + "); remove it");
            }
        }
        String value = line.substring(colon + 1).trim();
        if (!isValidValue(value)) {
            throw new IllegalArgumentException("headers entry '" + name + "': the value holds control or non-Latin-1"
                    + " characters, which a header cannot carry");
        }
        return new HeaderLine(name, value);
    }

    /** Whether the JDK client accepts {@code value} in a header: Latin-1 without control characters but tab. */
    static boolean isValidValue(String value) {
        return value.chars().allMatch(c -> c <= 0xFF && (c == '\t' || c >= 0x20 && c != 0x7F));
    }

    private static String why(String header) {
        switch (header.toLowerCase(Locale.ROOT)) {
            case "content-type": return "from content_type";
            case "authorization": return "from auth; set auth = none to send your own";
            case "idempotency-key": return "from the notification, stable across retries";
            case "user-agent": return "to Herald/<version>";
            default: return "from hmac_header and hmac_secret";
        }
    }
}
