package dev.herald.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.bundle.BuiltBundle;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What bnd wrote, checked against what Karaf needs: DS and Metatype descriptors for the factory
 * PID with the property names the sample configuration uses, and imports of nothing but the
 * Herald API and what Karaf provides (Jackson, OSGi, SLF4J through pax-logging; no java.*).
 */
class BundleManifestTest {
    private static final Set<String> KARAF_PROVIDES = Set.of("com.fasterxml.jackson.core",
            "com.fasterxml.jackson.databind", "com.fasterxml.jackson.databind.node", "org.osgi.framework", "org.slf4j",
            "dev.herald.api", "dev.herald.api.record", "dev.herald.api.source", "dev.herald.api.text");
    private static final BuiltBundle BUNDLE = BuiltBundle.of(FileSource.class);

    @Test
    void importsOnlyTheApiAndWhatKarafProvidesAndExportsNothing() {
        Attributes main = BUNDLE.headers();
        assertEquals("dev.herald.source.file", main.getValue("Bundle-SymbolicName"));
        assertNull(main.getValue("Export-Package"));
        for (String pkg : BUNDLE.imports().keySet()) {
            assertTrue(KARAF_PROVIDES.contains(pkg), "unexpected import " + pkg);
        }
    }

    @Test
    void declaresAFactoryConfiguredComponentWithAStaticMandatoryJournal() {
        List<String> descriptors = BUNDLE.componentDescriptors();
        assertEquals(1, descriptors.size(), descriptors.toString());
        String xml = descriptors.get(0);
        assertTrue(xml.contains("configuration-pid=\"dev.herald.source.file\""), xml);
        assertTrue(xml.contains("configuration-policy=\"require\""), xml);
        assertTrue(xml.contains("immediate=\"true\"")
                && xml.contains("<provide interface=\"dev.herald.api.source.QuarantineRetry\"/>"),
                "runs without a user, and offers quarantine retry: " + xml);
        Matcher reference = Pattern.compile("<reference [^>]*/>").matcher(xml);
        assertTrue(reference.find(), xml);
        String journal = reference.group();
        assertTrue(journal.contains("interface=\"dev.herald.api.Journal\""), journal);
        assertTrue(!journal.contains("policy=\"dynamic\"") && !journal.contains("cardinality=\"0."), journal);
    }

    @Test
    void theMetatypeDescribesEveryPropertyOfTheSampleConfiguration() throws IOException {
        String ocd = "dev.herald.source.file.FileSource$Config.xml";
        assertTrue(BUNDLE.metatype(ocd).contains("<Designate factoryPid=\"dev.herald.source.file\">"));
        Set<String> ids = BUNDLE.metatypeAttributes(ocd);
        assertTrue(ids.containsAll(Set.of("name", "directory", "include", "poll_interval", "settle_time", "batch_size",
                "id_pointer", "type_pointer", "time_pointer", "severity_pointer")), ids.toString());

        Properties sample = new Properties();
        Path cfg = BUNDLE.exampleConfiguration("dev.herald.source.file-example.cfg");
        try (Reader in = Files.newBufferedReader(cfg)) {
            sample.load(in);
        }
        assertTrue(ids.containsAll(sample.stringPropertyNames()), "unknown keys in the sample: " + sample.stringPropertyNames());
        FileSourceSettings.from(TestConfig.config(sample.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), value((String) e.getKey(), (String) e.getValue())))
                .toArray()), Path.of("/opt/herald"));
    }

    /** A .cfg value as DS would convert it for the property's type. */
    private static Object value(String key, String text) {
        return switch (key) {
            case "poll_interval", "batch_size" -> Integer.valueOf(text);
            case "settle_time" -> Long.valueOf(text);
            case "include" -> new String[] {text};
            default -> text;
        };
    }
}
