package dev.herald.core.template;

import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sink bundle's templates with each lookup kept until the bundle changes: every delivery looks
 * its template up, and asking the framework for a bundle entry (present or not) costs more than
 * the rendering of a small template.
 */
public final class CachingSinkResources implements SinkResources {
    private final SinkResources bundle;
    private volatile Lookups lookups;

    public CachingSinkResources(SinkResources bundle) {
        this.bundle = bundle;
        this.lookups = new Lookups(bundle.version());
    }

    @Override
    public URL entry(String path) {
        long version = bundle.version();
        Lookups current = lookups;
        if (current.version != version) {
            current = new Lookups(version);
            lookups = current;
        }
        return current.entries.computeIfAbsent(path, p -> Optional.ofNullable(bundle.entry(p))).orElse(null);
    }

    @Override
    public long version() {
        return bundle.version();
    }

    @Override
    public String name() {
        return bundle.name();
    }

    /** The lookups made while the bundle had one version. */
    private record Lookups(long version, Map<String, Optional<URL>> entries) {
        Lookups(long version) {
            this(version, new ConcurrentHashMap<>());
        }
    }
}
