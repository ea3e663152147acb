package dev.herald.source.s3;

import dev.herald.api.record.CloudTrailFiles;
import dev.herald.api.text.Text;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which object keys to read. A pattern is a glob, or a regular expression after {@code regex:}.
 * A glob without {@code /} matches the key's last segment ({@code *.json.gz}), one with {@code /}
 * the whole key ({@code AWSLogs/**}{@code /CloudTrail/**}). A regular expression must match the
 * whole key. CloudTrail digest files ({@link CloudTrailFiles#isDigest}) are never read: they hold
 * hashes, not events.
 */
final class KeyFilter {
    private static final String REGEX = "regex:";

    private final List<String> patterns;
    private final List<Predicate<String>> matchers;

    private KeyFilter(List<String> patterns, List<Predicate<String>> matchers) {
        this.patterns = patterns;
        this.matchers = matchers;
    }

    /**
     * @throws IllegalArgumentException naming {@code include} when there is no pattern or one is
     *                                  invalid
     */
    static KeyFilter parse(String[] values) {
        List<String> patterns = Text.items(values);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("include is empty: give at least one glob (e.g. *.json.gz) or"
                    + " regex:<expression>");
        }
        List<Predicate<String>> matchers = new ArrayList<>();
        for (String p : patterns) {
            try {
                matchers.add(p.startsWith(REGEX) ? regex(p.substring(REGEX.length())) : glob(p));
            } catch (IllegalArgumentException e) { // PatternSyntaxException included
                throw new IllegalArgumentException("include pattern '" + p + "' is not valid: " + e.getMessage()
                        + "; give a glob such as *.json.gz or regex:<Java regular expression>", e);
            }
        }
        return new KeyFilter(List.copyOf(patterns), List.copyOf(matchers));
    }

    /** Whether the object with this key is to be read. */
    boolean matches(String key) {
        return !key.endsWith("/") && !CloudTrailFiles.isDigest(key) && matchers.stream().anyMatch(m -> m.test(key));
    }

    private static Predicate<String> regex(String expression) {
        Pattern pattern = Pattern.compile(expression);
        return key -> pattern.matcher(key).matches();
    }

    private static Predicate<String> glob(String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        boolean wholeKey = glob.contains("/");
        return key -> {
            try {
                Path path = Path.of(key);
                Path name = path.getFileName();
                return wholeKey ? matcher.matches(path) : name != null && matcher.matches(name);
            } catch (InvalidPathException e) {
                return false;
            }
        };
    }

    @Override
    public String toString() {
        return String.join(", ", patterns);
    }
}
