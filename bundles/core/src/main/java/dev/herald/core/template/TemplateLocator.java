package dev.herald.core.template;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class TemplateLocator {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateLocator.class);
    /** The name of the templates of digests, in place of the event's source. */
    static final String DIGEST = "digest";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;
    /** Missing override files already reported, so that each is logged once, not per delivery. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();
    /**
     * Templates found in a sink's bundle (or built in) while no override directory of the sink's
     * kind exists: found once per bundle version instead of for every delivery.
     */
    private final Map<BundleLookup, TemplateSource> fromBundles = new ConcurrentHashMap<>();
    private static final int MAX_BUNDLE_LOOKUPS = 1024;

    TemplateLocator(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    TemplateSource locate(Rendering r) throws IOException {
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
        if (r.sinkKind() == null || !SAFE_NAME.matcher(r.sinkKind()).matches()
                || !directory.resolve(r.sinkKind()).toFile().isDirectory()) {
            // nothing to override the sink kind's templates: the answer depends on the sink's
            // bundle alone, which changes only with its version
            BundleLookup key = new BundleLookup(r.resources(), r.resources() == null ? 0 : r.resources().version(),
                    r.templateSet(), templateName(r), r.escape());
            TemplateSource found = fromBundles.get(key);
            if (found == null) {
                found = lookup(r);
                if (fromBundles.size() >= MAX_BUNDLE_LOOKUPS) {
                    fromBundles.clear(); // sinks and bundles replaced many times over: start again
                }
                fromBundles.put(key, found);
            }
            return found;
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
     * Whether a regular file is there. Asked on every delivery, mostly of files that are not
     * there: {@code java.io.File} says so without building an exception as {@code Files} does.
     */
    private static boolean isFile(Path path) {
        return path.toFile().isFile();
    }

    /** What a template found in a bundle depends on. */
    private record BundleLookup(SinkResources resources, long version, String templateSet, String source,
                                Escape escape) {
    }

    private static TemplateSource builtin(String name, Escape escape) {
        String file = name + "-" + escape.name().toLowerCase(Locale.ROOT) + ".peb";
        return TemplateSource.url("herald built-in " + file, 0, TemplateLocator.class.getResource(file));
    }
}
