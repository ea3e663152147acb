package dev.herald.enrich.geoip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;

class GeoIpEnricherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path generated;
    @TempDir
    Path dir;
    GeoIpEnricher enricher;

    @BeforeAll
    static void writeDatabases() throws Exception {
        TestDatabases.write(generated, "São Paulo");
    }

    @AfterEach
    void close() {
        if (enricher != null) {
            enricher.close();
        }
    }

    private static GeoIpEnricher enricher(Object databases) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("databases", databases);
        return new GeoIpEnricher(Converters.standardConverter().convert(properties).to(GeoIpEnricher.Config.class));
    }

    /** As a .cfg file gives them: one comma-separated string. */
    private static GeoIpEnricher both() {
        return enricher(generated.resolve("GeoLite2-City.mmdb") + ", " + generated.resolve("GeoLite2-ASN.mmdb"));
    }

    private static Event event(String source, String detail) throws IOException {
        return Event.builder().id("1").source(source).instance("test").type("t").detail(JSON.readTree(detail)).build();
    }

    private static Event cloudTrail(String ip) throws IOException {
        return event("cloudtrail", "{\"eventName\":\"GetObject\",\"sourceIPAddress\":\"" + ip + "\"}");
    }

    @Test
    void aCloudTrailCallGainsCountryCityAndAutonomousSystem() throws Exception {
        enricher = both();
        Event e = cloudTrail("198.51.100.7");
        assertTrue(enricher.appliesTo(e));

        JsonNode geo = enricher.enrich(e).path("geo");

        assertEquals("198.51.100.7", geo.path("ip").asText());
        assertEquals("BR", geo.path("country").asText());
        assertEquals("Brazil", geo.path("country_name").asText());
        assertEquals("SA", geo.path("continent").asText());
        assertEquals("São Paulo", geo.path("city").asText());
        assertEquals(64511, geo.path("asn").asInt());
        assertEquals("Example Hosting BR", geo.path("as_org").asText());
    }

    @Test
    void aFlowSummaryGainsBothEndsAndAPceEventItsClient() throws Exception {
        enricher = both();
        ObjectNode flow = enricher.enrich(event("illumio-flow", "{\"src_ip\":\"192.0.2.10\",\"dst_ip\":\"198.51.100.2\"}"));
        assertEquals("DE", flow.path("geo").path("country").asText());
        assertEquals("Berlin", flow.path("geo").path("city").asText());
        assertEquals("BR", flow.path("geo_destination").path("country").asText());

        ObjectNode pce = enricher.enrich(event("pce", "{\"action\":{\"src_ip\":\"2001:db8::1\"}}"));
        assertEquals("Frankfurt am Main", pce.path("geo").path("city").asText());
    }

    @Test
    void anAddressNoDatabaseKnowsAddsNothingAndNamesAreNotLookedUp() throws Exception {
        enricher = both();
        assertTrue(enricher.enrich(cloudTrail("10.1.2.3")).isEmpty(), "a private address has no location");
        ObjectNode countryOnly = enricher.enrich(cloudTrail("203.0.113.5"));
        assertEquals("FR", countryOnly.path("geo").path("country").asText());
        assertFalse(countryOnly.path("geo").has("city"));
        assertFalse(countryOnly.path("geo").has("asn"));

        assertFalse(enricher.appliesTo(cloudTrail("ec2.amazonaws.com")), "AWS acting itself: no IP");
        assertFalse(enricher.appliesTo(event("json", "{\"sourceIPAddress\":\"192.0.2.1\"}")));
    }

    @Test
    void aMissingDatabaseIsAClearErrorUntilTheFileAppears() throws Exception {
        Path city = dir.resolve("GeoLite2-City.mmdb");
        enricher = enricher(city.toString());

        IOException missing = assertThrows(IOException.class, () -> enricher.enrich(cloudTrail("198.51.100.7")));
        assertTrue(missing.getMessage().contains(city + " does not exist"), missing.getMessage());
        assertTrue(missing.getMessage().contains("'databases'"), missing.getMessage());

        Files.copy(generated.resolve("GeoLite2-City.mmdb"), city);
        assertEquals("BR", enricher.enrich(cloudTrail("198.51.100.7")).path("geo").path("country").asText());
    }

    @Test
    void aReplacedDatabaseIsReadAgain() throws Exception {
        TestDatabases.write(dir, "Rio de Janeiro");
        enricher = enricher(dir.resolve("GeoLite2-City.mmdb").toString());
        assertEquals("Rio de Janeiro", enricher.enrich(cloudTrail("198.51.100.7")).path("geo").path("city").asText());

        // as geoipupdate does: the new file is renamed into place
        TestDatabases.write(dir, "Curitiba");

        Await.until("the new database is read", () -> city("198.51.100.7").equals("Curitiba"));
    }

    @Test
    void aReplacementThatIsNoDatabaseIsTheErrorOfEveryLookupUntilTheFileIsFixed() throws Exception {
        Path city = dir.resolve("GeoLite2-City.mmdb");
        Files.copy(generated.resolve("GeoLite2-City.mmdb"), city);
        enricher = enricher(city.toString());
        assertEquals("São Paulo", city("198.51.100.7"));

        Path broken = dir.resolve("download.tmp");
        Files.writeString(broken, "<html>Sign in to download</html>");
        Files.move(broken, city, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until("the broken replacement is reported", () -> failure("198.51.100.7").contains(city + " cannot be read"));

        Files.copy(generated.resolve("GeoLite2-City.mmdb"), broken);
        Files.move(broken, city, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until("the fixed file is read", () -> city("198.51.100.7").equals("São Paulo"));
    }

    /** The city enrichment finds for a CloudTrail call from {@code ip}, or what went wrong. */
    private String city(String ip) {
        try {
            return enricher.enrich(cloudTrail(ip)).path("geo").path("city").asText();
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }

    private String failure(String ip) {
        try {
            enricher.enrich(cloudTrail(ip));
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void aFileThatIsNoDatabaseIsAClearError() throws Exception {
        Path bogus = dir.resolve("GeoLite2-City.mmdb");
        Files.writeString(bogus, "<html>Sign in to download</html>");
        enricher = enricher(bogus.toString());

        IOException e = assertThrows(IOException.class, () -> enricher.enrich(cloudTrail("198.51.100.7")));
        assertTrue(e.getMessage().contains(bogus + " cannot be read"), e.getMessage());
        assertTrue(e.getMessage().contains("MaxMind .mmdb file"), e.getMessage());
    }

    @Test
    void databasesMayBeAnArrayToo() throws Exception {
        enricher = enricher(List.of(generated.resolve("GeoLite2-ASN.mmdb").toString()));
        assertEquals(64496, enricher.enrich(cloudTrail("192.0.2.1")).path("geo").path("asn").asInt());
    }

    @Test
    void aConfigurationWithoutDatabasesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enricher(List.of()));
        assertTrue(e.getMessage().contains("databases of dev.herald.enrich.geoip is empty"), e.getMessage());
    }

    @Test
    void aCopiedOverDatabaseIsReadAgainToo() throws Exception {
        Path city = dir.resolve("city.mmdb");
        TestDatabases.write(dir, "Recife");
        Files.copy(dir.resolve("GeoLite2-City.mmdb"), city);
        enricher = enricher(city.toString());
        assertEquals("Recife", enricher.enrich(cloudTrail("198.51.100.7")).path("geo").path("city").asText());

        TestDatabases.write(dir, "Salvador da Bahia, a longer name");
        Files.copy(dir.resolve("GeoLite2-City.mmdb"), city, StandardCopyOption.REPLACE_EXISTING);

        Await.until("the rewritten database is read",
                () -> city("198.51.100.7").equals("Salvador da Bahia, a longer name"));
    }
}
