package dev.herald.source.file;

import dev.herald.testkit.source.TypedConfig;
import java.nio.file.Path;

/** A {@link FileSource.Config} as DS builds it from configuration properties (named as in a .cfg file). */
final class TestConfig {

    private TestConfig() {
    }

    static FileSource.Config config(Object... keysAndValues) {
        return TypedConfig.of(keysAndValues).as(FileSource.Config.class);
    }

    /** Settings for a source reading {@code directory} at once (no settle time). */
    static FileSourceSettings settings(Path directory, Object... more) {
        FileSource.Config config = TypedConfig.of("name", "files", "directory", directory.toString(), "settle_time", 0L)
                .with(more).as(FileSource.Config.class);
        return FileSourceSettings.from(config, directory.getParent());
    }
}
