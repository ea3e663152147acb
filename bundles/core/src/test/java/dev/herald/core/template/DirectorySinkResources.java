package dev.herald.core.template;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sink bundle's resources served from a directory, for tests. */
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
        return 1;
    }
}
