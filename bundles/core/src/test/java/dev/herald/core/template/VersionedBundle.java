package dev.herald.core.template;

import java.net.URL;
import java.nio.file.Path;

/**
 * A sink bundle for template tests: its templates are files under a directory, and they change
 * only with its version, as an OSGi bundle's do (a test sets {@link #version} for an update). It
 * counts the lookups of its entries.
 */
final class VersionedBundle implements SinkResources {
    private final DirectorySinkResources files;
    long version = 1;
    int lookups;

    VersionedBundle(Path root) {
        files = new DirectorySinkResources(root, "sink-bundle");
    }

    @Override
    public URL entry(String path) {
        lookups++;
        return files.entry(path);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public String name() {
        return files.name();
    }
}
