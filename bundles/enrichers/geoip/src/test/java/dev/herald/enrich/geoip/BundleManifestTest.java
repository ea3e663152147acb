package dev.herald.enrich.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What bnd wrote, checked against what Karaf needs: MaxMind's reader embedded (it has no OSGi
 * manifest), imports of nothing but the Herald API and what Karaf provides, and DS and Metatype
 * descriptors for the PID with every property the sample configuration names.
 */
class BundleManifestTest {
    private static final Path CLASSES = classes();

    @Test
    void embedsMaxMindsReaderAndImportsOnlyWhatKarafProvides() throws IOException {
        Attributes main = manifest().getMainAttributes();
        assertEquals("dev.herald.enrich.geoip", main.getValue("Bundle-SymbolicName"));
        assertNull(main.getValue("Export-Package"));
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/maxmind/geoip2/DatabaseReader.class")));
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/maxmind/db/Reader.class")));
        // every geoip2 response class initialises a mapper with the Java time module (EnrichmentIT found it missing)
        assertTrue(Files.isRegularFile(CLASSES.resolve("com/fasterxml/jackson/datatype/jsr310/JavaTimeModule.class")));
        for (String clause : clauses(main.getValue("Import-Package"))) {
            String pkg = clause.split(";")[0].trim();
            boolean provided = pkg.startsWith("com.fasterxml.jackson.") && !pkg.startsWith("com.fasterxml.jackson.datatype.")
                    || pkg.equals("org.slf4j") || pkg.equals("dev.herald.api") || pkg.equals("dev.herald.api.enrich");
            assertTrue(provided, "unexpected import " + clause);
        }
    }

    @Test
    void declaresAnEnricherConfiguredByItsPid() throws IOException {
        String header = manifest().getMainAttributes().getValue("Service-Component");
        String xml = Files.readString(CLASSES.resolve(header));
        assertTrue(xml.contains("configuration-pid=\"dev.herald.enrich.geoip\""), xml);
        assertTrue(xml.contains("configuration-policy=\"require\""), xml);
        assertTrue(xml.contains("<provide interface=\"dev.herald.api.enrich.Enricher\"/>"), xml);
    }

    @Test
    void theMetatypeDescribesEveryPropertyOfTheSampleConfiguration() throws IOException {
        String metatype = Files.readString(
                CLASSES.resolve("OSGI-INF/metatype/dev.herald.enrich.geoip.GeoIpEnricher$Config.xml"));
        assertTrue(metatype.contains("<Designate pid=\"dev.herald.enrich.geoip\">"), metatype);
        Set<String> ids = new HashSet<>();
        Matcher ad = Pattern.compile("<AD id=\"([^\"]+)\"").matcher(metatype);
        while (ad.find()) {
            ids.add(ad.group(1));
        }
        // every key of the sample, set or commented out
        Set<String> sample = new HashSet<>();
        Path cfg = CLASSES.getParent().getParent().resolve("src/main/cfg/dev.herald.enrich.geoip.cfg");
        Matcher key = Pattern.compile("(?m)^#?([a-z_]+) = ").matcher(Files.readString(cfg));
        while (key.find()) {
            sample.add(key.group(1));
        }
        assertEquals(Set.of("databases", "order", "timeout_ms"), sample);
        assertTrue(ids.containsAll(sample), "not in the metatype: " + sample + " vs " + ids);
    }

    private static Manifest manifest() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    /** The clauses of an Import-Package header (quoted commas kept). */
    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return out;
    }

    private static Path classes() {
        try {
            return Path.of(GeoIpEnricher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
