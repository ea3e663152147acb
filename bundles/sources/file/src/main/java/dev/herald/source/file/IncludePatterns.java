package dev.herald.source.file;

import dev.herald.api.text.Text;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which files to read: glob patterns. A pattern without {@code /} matches the file name in any
 * subdirectory ({@code *.json.gz}); one with {@code /} matches the path relative to the directory
 * ({@code AWSLogs/**}{@code /*.json.gz}).
 */
final class IncludePatterns {
    private final List<String> patterns;
    private final List<PathMatcher> names = new ArrayList<>();
    private final List<PathMatcher> paths = new ArrayList<>();

    private IncludePatterns(List<String> patterns) {
        this.patterns = patterns;
        for (String p : patterns) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
            (p.contains("/") ? paths : names).add(m);
        }
    }

    /**
     * Parses the configured patterns; a value may hold several separated by commas (as a
     * {@code .cfg} file writes a list).
     *
     * @throws IllegalArgumentException naming {@code include} when there is none or one is invalid
     */
    static IncludePatterns parse(String[] values) {
        List<String> patterns = Text.items(values);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("include is empty: give at least one glob pattern, e.g. *.json, *.jsonl.gz");
        }
        try {
            return new IncludePatterns(List.copyOf(patterns));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("include pattern '" + e.getPattern().replaceFirst("^glob:", "")
                    + "' is not a valid glob: " + e.getDescription(), e);
        }
    }

    /** Whether a file, given by its path relative to the directory, is to be read. */
    boolean matches(Path relative) {
        Path name = relative.getFileName();
        return names.stream().anyMatch(m -> m.matches(name)) || paths.stream().anyMatch(m -> m.matches(relative));
    }

    @Override
    public String toString() {
        return String.join(", ", patterns);
    }
}
