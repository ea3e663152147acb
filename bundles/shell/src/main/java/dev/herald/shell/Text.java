package dev.herald.shell;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Formatting shared by the commands' output: times, absent values, one-line excerpts. */
final class Text {

    private Text() {
    }

    /** An instant to the second, ISO-8601 in UTC; {@code -} when absent. */
    static String time(Instant instant) {
        return instant == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The value, or {@code -} when it is absent or blank. */
    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /** Names joined by commas; {@code -} when there are none. */
    static String list(Collection<String> names) {
        return names == null || names.isEmpty() ? "-" : String.join(", ", names);
    }

    /**
     * The value on one line (line breaks and runs of blanks become one space), cut to
     * {@code max} characters with {@code ...} so that a table stays readable.
     */
    static String oneLine(String value, int max) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        String line = value.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** {@code 1 dead letter}, {@code 2 dead letters}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /**
     * Rows of cells as lines whose columns line up, two spaces apart (for compact listings
     * without the table borders of {@code ShellTable}).
     */
    static List<String> aligned(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                line.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
