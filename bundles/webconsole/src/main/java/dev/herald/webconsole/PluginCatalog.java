package dev.herald.webconsole;

import dev.herald.api.admin.ApiMismatch;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SinkView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Version;

/**
 * Herald's features in the distribution's repositories ({@code herald-*}), as the "Manage
 * plugins" tab lists and changes them.
 */
final class PluginCatalog {

    static final String PREFIX = "herald-";
    private static final String SINK_PREFIX = "herald-sink-";
    private static final String SOURCE_PREFIX = "herald-source-";

    /**
     * One feature.
     *
     * @param name        feature name
     * @param description its description
     * @param installed   the installed version, or null
     * @param available   the newest version in the repositories
     * @param upgradable  whether a newer version than the installed one is available
     * @param factoryPid  the configuration its plugin reads (Metatype factory PID), or null
     *                    for a feature that is not a source or sink plugin
     * @param waiting     for a sink plugin: outbox entries waiting for its sinks
     */
    record Plugin(String name, String description, String installed, String available, boolean upgradable,
                  String factoryPid, long waiting) {
    }

    private final FeaturesService features;
    private final HeraldAdmin admin;

    PluginCatalog(FeaturesService features, HeraldAdmin admin) {
        this.features = features;
        this.admin = admin;
    }

    List<Plugin> list() throws Exception {
        Map<String, List<Feature>> byName = new LinkedHashMap<>();
        for (Feature feature : features.listFeatures()) {
            if (feature.getName().startsWith(PREFIX)) {
                byName.computeIfAbsent(feature.getName(), n -> new ArrayList<>()).add(feature);
            }
        }
        List<SinkView> sinks = admin.sinks();
        List<Plugin> plugins = new ArrayList<>();
        for (var entry : byName.entrySet()) {
            List<Feature> versions = entry.getValue();
            versions.sort(Comparator.comparing(f -> version(f.getVersion())));
            Feature newest = versions.get(versions.size() - 1);
            Feature installed = versions.stream().filter(features::isInstalled).reduce((a, b) -> b).orElse(null);
            plugins.add(new Plugin(entry.getKey(), newest.getDescription(),
                    installed == null ? null : installed.getVersion(), newest.getVersion(),
                    installed != null && version(installed.getVersion()).compareTo(version(newest.getVersion())) < 0,
                    factoryPid(entry.getKey()), waiting(entry.getKey(), sinks)));
        }
        plugins.sort(Comparator.comparing(Plugin::name));
        return plugins;
    }

    /**
     * Installs the feature, or upgrades it to the given version. A plugin built for a Herald API
     * this Herald does not provide is refused in those words rather than the resolver's.
     */
    void install(String name, String version) throws Exception {
        Feature feature = require(name, version);
        try {
            features.installFeature(feature.getName(), feature.getVersion(), EnumSet.noneOf(FeaturesService.Option.class));
        } catch (Exception e) {
            Optional<ApiMismatch> mismatch = ApiMismatch.inResolverMessage(messages(e));
            if (mismatch.isPresent()) {
                throw new IllegalArgumentException(mismatch.get().message(), e);
            }
            throw e;
        }
    }

    /** The messages of a failure and its causes: the resolver's detail is often a cause's. */
    private static String messages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }

    /** Uninstalls the feature; entries waiting for its sinks stay in their outboxes. */
    void uninstall(String name) throws Exception {
        Feature installed = null;
        for (Feature feature : features.getFeatures(require(name, null).getName())) {
            if (features.isInstalled(feature)) {
                installed = feature;
            }
        }
        if (installed == null) {
            throw new IllegalArgumentException("feature " + name + " is not installed");
        }
        features.uninstallFeature(installed.getName(), installed.getVersion());
    }

    private Feature require(String name, String version) throws Exception {
        if (name == null || !name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + name + "' is not a Herald feature (herald-*)");
        }
        Feature feature = version == null || version.isBlank()
                ? features.getFeature(name) : features.getFeature(name, version);
        if (feature == null) {
            throw new IllegalArgumentException("no feature " + name + (version == null ? "" : " " + version)
                    + " in the distribution's feature repositories (feature:repo-list)");
        }
        return feature;
    }

    /** herald-sink-webhook configures dev.herald.sink.webhook, herald-source-s3 dev.herald.source.s3. */
    static String factoryPid(String feature) {
        if (feature.startsWith(SINK_PREFIX)) {
            return "dev.herald.sink." + feature.substring(SINK_PREFIX.length());
        }
        if (feature.startsWith(SOURCE_PREFIX)) {
            return "dev.herald.source." + feature.substring(SOURCE_PREFIX.length());
        }
        return null;
    }

    private static long waiting(String feature, List<SinkView> sinks) {
        if (!feature.startsWith(SINK_PREFIX)) {
            return 0;
        }
        String kind = feature.substring(SINK_PREFIX.length());
        return sinks.stream().filter(s -> kind.equals(s.kind())).mapToLong(SinkView::pending).sum();
    }

    private static Version version(String text) {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }
}
