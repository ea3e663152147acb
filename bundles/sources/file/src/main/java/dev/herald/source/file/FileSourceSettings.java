package dev.herald.source.file;

import dev.herald.api.record.JsonPointers;
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
                          long settleMillis, int batchSize, int maxRecordBytes, JsonPointers pointers) {
    static final int MAX_BATCH = 100_000;
    static final int MIN_RECORD_BYTES = 1024;
    static final int MAX_RECORD_BYTES = 1024 * 1024 * 1024;

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
        if (c.batch__size() < 1 || c.batch__size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch_size = " + c.batch__size() + " is out of range: use 1 to " + MAX_BATCH);
        }
        if (c.max__record__bytes() < MIN_RECORD_BYTES || c.max__record__bytes() > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("max_record_bytes = " + c.max__record__bytes() + " is out of range: give"
                    + " the longest record to read in bytes, " + MIN_RECORD_BYTES + " to " + MAX_RECORD_BYTES
                    + " (default 1048576, 1 MiB)");
        }
        JsonPointers pointers = new JsonPointers(JsonPointers.parse("id_pointer", c.id__pointer()),
                JsonPointers.parse("type_pointer", c.type__pointer()), JsonPointers.parse("time_pointer", c.time__pointer()),
                JsonPointers.parse("severity_pointer", c.severity__pointer()));
        return new FileSourceSettings(c.name().trim(), directory, IncludePatterns.parse(c.include()),
                Duration.ofSeconds(c.poll__interval()), c.settle__time(), c.batch__size(), c.max__record__bytes(),
                pointers);
    }
}
