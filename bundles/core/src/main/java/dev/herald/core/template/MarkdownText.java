package dev.herald.core.template;

/**
 * Plain text made inert for the Markdown of Adaptive Cards (Teams TextBlocks and facts), so that
 * event content cannot forge a link, emphasis, a list or a heading. Each character CommonMark
 * could read as markup gets a backslash; characters that are markup only at the start of a line
 * ({@code # - + =}, {@code 1.}) are escaped only there, so addresses and dates stay readable.
 * Adaptive Cards' own parser on mobile clients ignores backslashes before brackets, so a
 * {@code (} right after a {@code ]} is escaped too: the link syntax needs them adjacent.
 */
final class MarkdownText {
    private static final String ALWAYS = "\\`*_[]<>~";
    private static final String AT_LINE_START = "#-+=";

    private MarkdownText() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lineStart && (c == ' ' || c == '\t')) {
                b.append(c);
                continue;
            }
            if (lineStart && AT_LINE_START.indexOf(c) >= 0) {
                b.append('\\').append(c);
                lineStart = false;
                continue;
            }
            if (lineStart && Character.isDigit(c)) {
                int end = orderedListMarkerEnd(s, i);
                if (end > i) {
                    b.append(s, i, end).append('\\').append(s.charAt(end));
                    i = end;
                    lineStart = false;
                    continue;
                }
            }
            lineStart = c == '\n' || c == '\r';
            if (ALWAYS.indexOf(c) >= 0 || c == '(' && i > 0 && s.charAt(i - 1) == ']') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Where the {@code .} or {@code )} of an ordered list marker ({@code 12. }) starting at {@code i} is, or -1. */
    private static int orderedListMarkerEnd(String s, int i) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        boolean marker = j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')')
                && (j + 1 == s.length() || Character.isWhitespace(s.charAt(j + 1)));
        return marker ? j : -1;
    }
}
