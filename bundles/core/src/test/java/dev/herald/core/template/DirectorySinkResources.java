package dev.herald.core.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A sink bundle's resources served from a directory, for tests. Its version changes whenever a
 * file is added, removed or changed, as a bundle's changes when it is updated.
 */
public record DirectorySinkResources(Path root, String name) implements SinkResources {

    @Override
    public URL entry(String path) {
        Path p = root.resolve(path);
        try {
            return Files.exists(p) ? p.toUri().toURL() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long version() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.mapToLong(f -> {
                try {
                    return f.hashCode() * 31L + Files.size(f) * 17 + Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
