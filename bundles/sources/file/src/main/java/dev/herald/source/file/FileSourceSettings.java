package dev.herald.source.file;

import dev.herald.api.record.JsonPointers;
import dev.herald.api.source.RecordStreamIngest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A file source's configuration, validated.
 *
 * @param name         the source instance name
 * @param directory    the directory to watch, absolute
 * @param include      which files in it to read
 * @param pollInterval how long between two looks at the directory
 * @param settleMillis how long a file must stay unchanged before it is read
 * @param batchSize    the most records per journal commit
 * @param maxRecordBytes the longest record read
 * @param pointers     where records of no known kind keep their id, type, time and severity
 */
record FileSourceSettings(String name, Path directory, IncludePatterns include, Duration pollInterval,
                          long settleMillis, RecordStreamIngest.Limits limits, JsonPointers pointers) {

    /**
     * @param home what a relative {@code directory} is resolved against (the Herald home)
     * @throws IllegalArgumentException naming the property and the fix when a value is invalid
     */
    static FileSourceSettings from(FileSource.Config c, Path home) {
        if (c.name() == null || c.name().isBlank()) {
            throw new IllegalArgumentException("name is missing: give the source instance a name; its events carry it"
                    + " as 'instance' and its checkpoints are kept under it");
        }
        if (c.directory() == null || c.directory().isBlank()) {
            throw new IllegalArgumentException("directory is missing: set it to the folder to watch, e.g. demo/inbox"
                    + " (relative to the Herald home) or an absolute path");
        }
        Path directory;
        try {
            directory = home.resolve(c.directory().trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("directory = '" + c.directory() + "' is not a valid path: " + e.getReason(), e);
        }
        if (c.poll__interval() < 1) {
            throw new IllegalArgumentException("poll_interval = " + c.poll__interval()
                    + " is out of range: give the seconds between two looks at the directory, at least 1");
        }
        if (c.settle__time() < 0) {
            throw new IllegalArgumentException("settle_time = " + c.settle__time()
                    + " is out of range: give the milliseconds a file must stay unchanged before it is read, 0 or more");
        }
        RecordStreamIngest.Limits limits = new RecordStreamIngest.Limits(c.batch__size(), c.max__record__bytes());
        JsonPointers pointers = new JsonPointers(JsonPointers.parse("id_pointer", c.id__pointer()),
                JsonPointers.parse("type_pointer", c.type__pointer()), JsonPointers.parse("time_pointer", c.time__pointer()),
                JsonPointers.parse("severity_pointer", c.severity__pointer()));
        return new FileSourceSettings(c.name().trim(), directory, IncludePatterns.parse(c.include()),
                Duration.ofSeconds(c.poll__interval()), c.settle__time(), limits,
                pointers);
    }
}
