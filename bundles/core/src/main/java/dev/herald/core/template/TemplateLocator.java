package dev.herald.core.template;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the template for a rendering, first found wins: the route's override file, then
 * {@code <templates>/<sinkKind>/<event.source>.peb}, {@code <templates>/<sinkKind>/default.peb},
 * the sink bundle's {@code templates/<event.source>.peb} and {@code templates/default.peb}, and
 * last core's built-in default for the sink's body type. A sink with a template set
 * ({@link dev.herald.api.Sink#FORMAT}) has the same lookups under {@code <set>/} tried first. A digest
 * looks for {@code digest.peb} in the same places instead, then core's built-in digest for the body type.
 * What it finds is kept for {@link #RECHECK_NANOS}: the files are not looked at for every delivery.
 */
final class TemplateLocator {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateLocator.class);
    /** The name of the templates of digests, in place of the event's source. */
    static final String DIGEST = "digest";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * How long a template found stays the answer for its lookup before the files are looked at
     * again: an override dropped into, edited in or removed from the templates directory takes
     * effect within this. Looking for the files on every delivery (a check of the file system for
     * each place a template may be, and a regular expression) was a sixth of the rendering.
     */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Lookups kept at most; sinks and bundles replaced many times over start the cache again. */
    private static final int MAX_LOOKUPS = 1024;

    private final Path directory;
    private final LongSupplier nanoTime;
    /** Missing override files already reported, so that each is logged once, not per delivery. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();
    private final Map<Lookup, Found> found = new ConcurrentHashMap<>();

    TemplateLocator(Path directory) {
        this(directory, System::nanoTime);
    }

    /** @param nanoTime the clock of {@link #RECHECK_NANOS} ({@link System#nanoTime}), replaceable for tests */
    TemplateLocator(Path directory, LongSupplier nanoTime) {
        this.directory = directory.toAbsolutePath().normalize();
        this.nanoTime = nanoTime;
    }

    /**
     * The template for a rendering: as found by the last lookup of the same kind, unless that was
     * {@link #RECHECK_NANOS} ago or more, or the sink's bundle changed since.
     */
    TemplateSource locate(Rendering r) throws IOException {
        Lookup key = new Lookup(r.routeTemplate(), r.sinkKind(), r.templateSet(), templateName(r), r.group() != null,
                r.escape(), r.resources());
        long version = r.resources() == null ? 0 : r.resources().version();
        long now = nanoTime.getAsLong();
        Found f = found.get(key);
        if (f != null && f.version == version && now - f.at < RECHECK_NANOS) {
            return f.source;
        }
        TemplateSource source = find(r);
        if (found.size() >= MAX_LOOKUPS) {
            found.clear();
        }
        found.put(key, new Found(source, version, now));
        return source;
    }

    /** Looks at the files and the sink's bundle: the route's override first, then the sink kind's templates. */
    private TemplateSource find(Rendering r) throws IOException {
        if (r.routeTemplate() != null) {
            Path override = directory.resolve(r.routeTemplate()).normalize();
            if (override.startsWith(directory) && isFile(override)) {
                return TemplateSource.file(override);
            }
            if (reported.add(override)) {
                LOG.warn("Route {} names template {} for sink {}, which does not exist: using the default",
                        r.route(), override, r.sink());
            }
        }
        return lookup(r);
    }

    private TemplateSource lookup(Rendering r) throws IOException {
        String source = templateName(r);
        boolean safeSource = SAFE_NAME.matcher(source).matches();
        String set = r.templateSet() != null && SAFE_NAME.matcher(r.templateSet()).matches() ? r.templateSet() : null;
        if (set != null) {
            TemplateSource found = find(r, set + "/", source, safeSource);
            if (found != null) {
                return found;
            }
        }
        TemplateSource found = find(r, "", source, safeSource);
        return found != null ? found : builtin(r.group() != null ? DIGEST : "default", r.escape());
    }

    /** The event's source, whose template renders it; a digest has its own, never one event's. */
    private static String templateName(Rendering r) {
        return r.group() != null ? DIGEST : r.event().source();
    }

    /**
     * The override directory's, then the sink bundle's template for {@code source} or its default, under
     * {@code prefix}; for a digest only its {@code digest.peb}.
     */
    private TemplateSource find(Rendering r, String prefix, String source, boolean safeSource) throws IOException {
        String[] names = r.group() != null ? new String[] {prefix + DIGEST + ".peb"}
                : safeSource ? new String[] {prefix + source + ".peb", prefix + "default.peb"}
                : new String[] {prefix + "default.peb"};
        if (r.sinkKind() != null && SAFE_NAME.matcher(r.sinkKind()).matches()) {
            Path kindDir = directory.resolve(r.sinkKind());
            for (String name : names) {
                if (isFile(kindDir.resolve(name))) {
                    return TemplateSource.file(kindDir.resolve(name));
                }
            }
        }
        SinkResources res = r.resources();
        if (res != null) {
            for (String name : names) {
                URL url = res.entry("templates/" + name);
                if (url != null) {
                    return TemplateSource.url(res.name() + "!/templates/" + name, res.version(), url);
                }
            }
        }
        return null;
    }

    /**
     * Whether a regular file is there. Asked mostly of files that are not there: {@code
     * java.io.File} says so without building an exception as {@code Files} does.
     */
    private static boolean isFile(Path path) {
        return path.toFile().isFile();
    }

    /** What the template found depends on, besides the files and the bundle's version. */
    private record Lookup(String routeTemplate, String sinkKind, String templateSet, String name, boolean digest,
                          Escape escape, SinkResources resources) {
    }

    /** A template found, the bundle version it was found with, and when ({@link System#nanoTime}). */
    private record Found(TemplateSource source, long version, long at) {
    }

    private static TemplateSource builtin(String name, Escape escape) {
        String file = name + "-" + escape.name().toLowerCase(Locale.ROOT) + ".peb";
        return TemplateSource.url("herald built-in " + file, 0, TemplateLocator.class.getResource(file));
    }
}
