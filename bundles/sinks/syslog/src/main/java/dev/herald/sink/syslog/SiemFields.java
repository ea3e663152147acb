package dev.herald.sink.syslog;

/**
 * Values fitted into the SIEM formats of the syslog sink, so that event content cannot end a field,
 * forge another, or start a new line (which a receiver reads as a new message): ArcSight CEF,
 * IBM QRadar LEEF 2.0 and the LogRhythm Open Collector layout.
 */
final class SiemFields {
    private SiemFields() {
    }

    /**
     * A CEF or LEEF header field: {@code \} and {@code |} escaped with a backslash, as the CEF
     * specification requires; a line break (CR, LF, CRLF or a Unicode one) becomes a space, since
     * a header has no escape for it.
     */
    static String header(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '|') {
                b.append('\\').append(c);
            } else if (isLineBreak(c)) {
                b.append(' ');
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A CEF extension value: {@code \} and {@code =} escaped with a backslash, CR and LF written
     * as {@code \r} and {@code \n}, the specification's escapes for multi-line values.
     */
    static String cefValue(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '=' -> b.append("\\=");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A LEEF 2.0 attribute value. LEEF has no escapes for values: the attribute delimiter and each
     * line break (CR, LF or CRLF) become a space.
     */
    static String leefValue(String s, char delimiter) {
        return replaced(s, delimiter, ' ');
    }

    /**
     * The LEEF attribute delimiter as a LEEF 2.0 header names it: one character, or its hex code
     * ({@code x09}, {@code 0x7C}).
     */
    static char leefDelimiter(String spec) {
        if (spec.length() == 1) {
            return spec.charAt(0);
        }
        if (spec.matches("(?i)0?x[0-9a-f]{2,4}")) {
            return (char) Integer.parseInt(spec.substring(spec.toLowerCase(java.util.Locale.ROOT).indexOf('x') + 1), 16);
        }
        throw new IllegalArgumentException("leef: the delimiter must be one character or its hex code as in the"
                + " LEEF header (x09 for a tab), not '" + spec + "'");
    }

    /**
     * The 0 to 10 severity of CEF and LEEF headers for Herald's severity ({@code critical} 10,
     * {@code high} 8, {@code medium} 5, {@code low} 3, anything else 1).
     */
    static String severity(String severity) {
        return switch (severity.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> "10";
            case "high" -> "8";
            case "medium" -> "5";
            case "low" -> "3";
            default -> "1";
        };
    }

    /** A value of the LogRhythm layout, whose pairs are joined by {@code |}: a pipe or a line break (CR, LF or CRLF) becomes {@code _}. */
    static String logRhythmValue(String s) {
        return replaced(s, '|', '_');
    }

    /** {@code s} with each {@code separator}, CR, LF and CRLF replaced by one {@code replacement}. */
    private static String replaced(String s, char separator, char replacement) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == separator || c == '\r' || c == '\n') {
                b.append(replacement);
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }
}
