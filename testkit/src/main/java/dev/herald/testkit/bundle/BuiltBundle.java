package dev.herald.testkit.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundle a module's build wrote into {@code target/classes}: its manifest headers, the packages
 * it imports, its Declarative Services and Metatype descriptors, and the keys of its example
 * configuration under {@code src/main/cfg}. A plugin's manifest test checks these against what
 * Karaf provides, which is cheaper than finding out in a running distribution.
 */
public final class BuiltBundle {
    private static final Pattern METATYPE_ATTRIBUTE = Pattern.compile("<AD id=\"([^\"]+)\"");
    /** A key of a .cfg file, set ({@code key = value}) or shown commented out ({@code #key = value}). */
    private static final Pattern CFG_KEY = Pattern.compile("(?m)^#?([a-z][a-z0-9_.]*) = ");

    private final Path classes;

    private BuiltBundle(Path classes) {
        this.classes = classes;
    }

    /** The bundle of the module that built {@code anyClassOfIt}. */
    public static BuiltBundle of(Class<?> anyClassOfIt) {
        return at(location(anyClassOfIt));
    }

    /** The bundle whose classes and {@code META-INF}/{@code OSGI-INF} are under {@code classes}. */
    public static BuiltBundle at(Path classes) {
        return new BuiltBundle(classes);
    }

    /** Where a class was loaded from: a module's {@code target/classes}, or a jar. */
    public static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no location for " + type.getName(), e);
        }
    }

    /** {@code target/classes}, where bnd wrote the manifest and the OSGI-INF descriptors. */
    public Path classes() {
        return classes;
    }

    /** The main attributes of {@code META-INF/MANIFEST.MF}. */
    public Attributes headers() {
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException("no manifest under " + classes + ": did bnd-maven-plugin run?", e);
        }
    }

    /** Import-Package: each package with its attributes (version, resolution…), in header order. */
    public Map<String, Map<String, String>> imports() {
        String header = headers().getValue("Import-Package");
        return header == null ? Map.of() : clauses(header);
    }

    /** The DS component descriptors the Service-Component header names, one text per file. */
    public List<String> componentDescriptors() {
        String header = headers().getValue("Service-Component");
        if (header == null) {
            return List.of();
        }
        List<String> descriptors = new ArrayList<>();
        for (String file : clauses(header).keySet()) {
            descriptors.add(read(classes.resolve(file)));
        }
        return descriptors;
    }

    /** The text of a Metatype descriptor, e.g. {@code OSGI-INF/metatype/<Config class>.xml}'s file name. */
    public String metatype(String fileName) {
        return read(classes.resolve("OSGI-INF/metatype").resolve(fileName));
    }

    /** The attribute ids a Metatype descriptor declares. */
    public Set<String> metatypeAttributes(String fileName) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher ad = METATYPE_ATTRIBUTE.matcher(metatype(fileName));
        while (ad.find()) {
            ids.add(ad.group(1));
        }
        return ids;
    }

    /** Every key the example configuration {@code src/main/cfg/<fileName>} sets or shows commented out. */
    public Set<String> exampleConfigurationKeys(String fileName) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher key = CFG_KEY.matcher(read(exampleConfiguration(fileName)));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    /** The path of {@code src/main/cfg/<fileName>} of this module. */
    public Path exampleConfiguration(String fileName) {
        return classes.getParent().getParent().resolve("src/main/cfg").resolve(fileName);
    }

    /**
     * An OSGi header's clauses: the name of each to its attributes (directives such as
     * {@code resolution:=} dropped, quotes removed), commas and semicolons inside quotes kept.
     */
    public static Map<String, Map<String, String>> clauses(String header) {
        Map<String, Map<String, String>> clauses = new LinkedHashMap<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.charAt(eq - 1) != ':') {
                    attributes.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim().replace("\"", ""));
                }
            }
            clauses.put(parts.get(0).trim(), attributes);
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
