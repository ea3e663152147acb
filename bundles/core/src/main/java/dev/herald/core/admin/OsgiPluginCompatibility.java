package dev.herald.core.admin;

import dev.herald.api.admin.ApiMismatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link PluginCompatibility} from the framework's wiring: finds installed plugins that cannot resolve because they import a Herald API package at a
 * version this Herald does not export (a plugin built for another API major, or for a newer
 * minor). The framework leaves such a bundle INSTALLED and says so only in the resolver's terms;
 * this names the plugin, the range it needs and the version Herald has.
 */
@Component(service = PluginCompatibility.class)
public final class OsgiPluginCompatibility implements PluginCompatibility {
    private static final String HERALD_PACKAGES = "dev.herald.";

    private final BundleContext context;

    @Activate
    public OsgiPluginCompatibility(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<ApiMismatch> mismatches() {
        Bundle[] bundles = context.getBundles();
        Map<String, List<BundleCapability>> exported = heraldExports(bundles);
        List<ApiMismatch> out = new ArrayList<>();
        for (Bundle b : bundles) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (b.getState() != Bundle.INSTALLED || revision == null) {
                continue;
            }
            for (BundleRequirement r : revision.getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
                mismatch(b, r, exported).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<ApiMismatch> mismatch(Bundle b, BundleRequirement r,
                                                  Map<String, List<BundleCapability>> exported) {
        String filter = r.getDirectives().get(PackageNamespace.REQUIREMENT_FILTER_DIRECTIVE);
        boolean optional = PackageNamespace.RESOLUTION_OPTIONAL.equals(
                r.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
        if (filter == null || optional) {
            return Optional.empty();
        }
        String plugin = b.getSymbolicName() + " " + b.getVersion();
        return ApiMismatch.of(plugin, filter, null).flatMap(needed -> {
            List<BundleCapability> candidates = exported.getOrDefault(needed.apiPackage(), List.of());
            if (candidates.stream().anyMatch(c -> matches(filter, c))) {
                return Optional.empty();
            }
            String provided = candidates.isEmpty() ? null
                    : String.valueOf(candidates.get(0).getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
            return Optional.of(new ApiMismatch(plugin, needed.apiPackage(), needed.needed(), provided));
        });
    }

    private static Map<String, List<BundleCapability>> heraldExports(Bundle[] bundles) {
        Map<String, List<BundleCapability>> out = new HashMap<>();
        for (Bundle b : bundles) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null || (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
                continue;
            }
            for (BundleCapability c : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object name = c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                if (name instanceof String p && p.startsWith(HERALD_PACKAGES)) {
                    out.computeIfAbsent(p, k -> new ArrayList<>()).add(c);
                }
            }
        }
        return out;
    }

    private static boolean matches(String filter, BundleCapability c) {
        try {
            return FrameworkUtil.createFilter(filter).matches(c.getAttributes());
        } catch (InvalidSyntaxException e) {
            // the framework parsed this filter when it installed the bundle; never happens
            throw new IllegalStateException("unreadable requirement filter " + filter, e);
        }
    }
}
