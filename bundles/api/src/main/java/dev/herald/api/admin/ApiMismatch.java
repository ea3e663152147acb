package dev.herald.api.admin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin built against a Herald API this Herald does not provide: what the operator sees
 * instead of the OSGi resolver's wording, in {@code herald:status}, the web console and the log.
 *
 * @param plugin   the plugin's bundle, {@code symbolic-name version}, or its feature when the
 *                 resolver names nothing more precise
 * @param apiPackage the Herald package it imports, e.g. {@code dev.herald.api}
 * @param needed   the version range it imports, e.g. {@code [2.0.0,3.0.0)}
 * @param provided the version this Herald exports, or null when it exports no such package
 */
public record ApiMismatch(String plugin, String apiPackage, String needed, String provided) {
    /** One clause of the resolver's filter for a Herald package: the package, its floor and ceiling. */
    private static final Pattern HERALD_IMPORT = Pattern.compile(
            "\\(osgi\\.wiring\\.package=(dev\\.herald\\.[\\w.]+)\\)"
                    + "(?:\\(version>=([0-9][0-9.]*)\\))?(?:\\(!\\(version>=([0-9][0-9.]*)\\)\\))?");
    /** Felix's resolver: "Unable to resolve dev.herald.sink.x/2.0.0: missing requirement [...]". */
    private static final Pattern UNRESOLVED = Pattern.compile(
            "Unable to resolve ([\\w.\\-]+)/([0-9][\\w.\\-]*): missing requirement \\[[^\\]]*\\] osgi\\.wiring\\.package");

    /**
     * Reads the version range of one import from the requirement's filter, as the framework
     * writes it for {@code Import-Package: p;version="[2,3)"}.
     */
    public static Optional<ApiMismatch> of(String plugin, String filter, String provided) {
        Matcher m = HERALD_IMPORT.matcher(filter == null ? "" : filter);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ApiMismatch(plugin, m.group(1), range(m.group(2), m.group(3)), provided));
    }

    /**
     * Finds, in the message of a failed feature or bundle installation, the Herald package a
     * plugin needs and nobody exports; empty when the failure has another cause.
     */
    public static Optional<ApiMismatch> inResolverMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher who = UNRESOLVED.matcher(message);
        String plugin = null;
        int from = 0;
        // the innermost "Unable to resolve" names the plugin bundle, outer ones its feature
        while (who.find()) {
            plugin = who.group(1) + " " + who.group(2);
            from = who.end();
        }
        if (plugin == null) {
            return Optional.empty();
        }
        return of(plugin, message.substring(from), null);
    }

    /** What is wrong and what to do, in one sentence an operator can act on. */
    public String message() {
        String have = provided == null
                ? "this Herald provides no package " + apiPackage
                : "this Herald provides " + apiPackage + " " + provided;
        return "plugin " + plugin + " is built for Herald API " + apiPackage + " " + needed + ", but " + have
                + ": install a version of the plugin built for this Herald's API, or upgrade Herald";
    }

    private static String range(String floor, String ceiling) {
        if (floor == null && ceiling == null) {
            return "(any version)";
        }
        return "[" + (floor == null ? "0" : floor) + "," + (ceiling == null ? "∞" : ceiling) + ")";
    }
}
