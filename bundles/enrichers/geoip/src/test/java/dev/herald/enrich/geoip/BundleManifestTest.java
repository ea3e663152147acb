package dev.herald.enrich.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.bundle.BuiltBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;

/**
 * What bnd wrote, checked against what Karaf needs: MaxMind's reader embedded (it has no OSGi
 * manifest), imports of nothing but the Herald API and what Karaf provides, and DS and Metatype
 * descriptors for the PID with every property the sample configuration names.
 */
class BundleManifestTest {
    private static final BuiltBundle BUNDLE = BuiltBundle.of(GeoIpEnricher.class);

    @Test
    void embedsMaxMindsReaderAndImportsOnlyWhatKarafProvides() {
        Attributes main = BUNDLE.headers();
        assertEquals("dev.herald.enrich.geoip", main.getValue("Bundle-SymbolicName"));
        assertNull(main.getValue("Export-Package"));
        Path classes = BUNDLE.classes();
        assertTrue(Files.isRegularFile(classes.resolve("com/maxmind/geoip2/DatabaseReader.class")));
        assertTrue(Files.isRegularFile(classes.resolve("com/maxmind/db/Reader.class")));
        // every geoip2 response class initialises a mapper with the Java time module (EnrichmentIT found it missing)
        assertTrue(Files.isRegularFile(classes.resolve("com/fasterxml/jackson/datatype/jsr310/JavaTimeModule.class")));
        for (Map.Entry<String, Map<String, String>> imported : BUNDLE.imports().entrySet()) {
            String pkg = imported.getKey();
            boolean provided = pkg.startsWith("com.fasterxml.jackson.") && !pkg.startsWith("com.fasterxml.jackson.datatype.")
                    || pkg.equals("org.slf4j") || pkg.equals("dev.herald.api") || pkg.equals("dev.herald.api.enrich");
            assertTrue(provided, "unexpected import " + imported);
        }
    }

    @Test
    void declaresAnEnricherConfiguredByItsPid() {
        List<String> descriptors = BUNDLE.componentDescriptors();
        assertEquals(1, descriptors.size(), descriptors.toString());
        String xml = descriptors.get(0);
        assertTrue(xml.contains("configuration-pid=\"dev.herald.enrich.geoip\""), xml);
        assertTrue(xml.contains("configuration-policy=\"require\""), xml);
        assertTrue(xml.contains("<provide interface=\"dev.herald.api.enrich.Enricher\"/>"), xml);
    }

    @Test
    void theMetatypeDescribesEveryPropertyOfTheSampleConfiguration() {
        String ocd = "dev.herald.enrich.geoip.GeoIpEnricher$Config.xml";
        assertTrue(BUNDLE.metatype(ocd).contains("<Designate pid=\"dev.herald.enrich.geoip\">"));
        Set<String> ids = BUNDLE.metatypeAttributes(ocd);
        // every key of the sample, set or commented out
        Set<String> sample = BUNDLE.exampleConfigurationKeys("dev.herald.enrich.geoip.cfg");
        assertEquals(Set.of("databases", "order", "timeout_ms"), sample);
        assertTrue(ids.containsAll(sample), "not in the metatype: " + sample + " vs " + ids);
    }
}
