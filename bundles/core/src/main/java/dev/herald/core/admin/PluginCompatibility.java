package dev.herald.core.admin;

import dev.herald.api.admin.ApiMismatch;
import java.util.List;

/** Plugins that cannot start because they were built for a Herald API this Herald does not provide. */
@FunctionalInterface
public interface PluginCompatibility {
    /** Every Herald import of every unresolved bundle that no exported package satisfies. */
    List<ApiMismatch> mismatches();
}
