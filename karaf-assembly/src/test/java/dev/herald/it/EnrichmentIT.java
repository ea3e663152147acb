package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.admin.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Enrichment on the distribution: with the geo-IP enricher installed and a MaxMind database written
 * for the test, a CloudTrail call from abroad matches a route on {@code enrichment.geo.country}
 * and reaches its sink with the location, one from home does not; when the database goes
 * missing, events are still delivered and {@code herald:status} names the enricher. A PCE audit
 * event matches a route on the labels of the workload that raised it, which the PCE source's
 * enricher looked up through the (emulated) PCE API.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class EnrichmentIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The generator of the test databases (bundles/enrichers/geoip/src/test/perl), set by failsafe. */
    private static final String WRITER = "herald.geoip.writer";

    private static final String PCE_USER = "api_0e1d2c3b4a596877";
    private static final String PCE_SECRET = "it-enrich-pce-secret";
    private static final String PCE_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (PCE_USER + ":" + PCE_SECRET).getBytes(StandardCharsets.UTF_8));

    private static RecordingHttpServer receiver;
    private static Path inbox;
    private static Path databases;
    private static int fileCounter;

    @Override
    protected Option[] moreOptions() {
        return new Option[] {systemProperty(WRITER).value(System.getProperty(WRITER))};
    }

    @Test
    public void a_aCallFromAbroadMatchesARouteOnItsCountry() throws Exception {
        receiver = new RecordingHttpServer();
        inbox = Files.createTempDirectory("herald-it-geo-inbox");
        databases = Files.createTempDirectory("herald-it-geo-db");
        writeDatabases(databases);

        features.installFeature("herald-sink-webhook");
        features.installFeature("herald-enrich-geoip");
        org.osgi.service.cm.Configuration geoip = configs.getConfiguration("dev.herald.enrich.geoip", "?");
        // a generous timeout: the CI machine runs this beside other builds, and a late lookup would only cost the field
        geoip.update(props("databases", databases.resolve("GeoLite2-City.mmdb") + ", "
                + databases.resolve("GeoLite2-ASN.mmdb"), "timeout_ms", 5000));
        Await.until(WAIT, this::geoIpEnricherRegistered, () -> "the geo-IP enricher did not start: " + problems());

        configure("dev.herald.sink.webhook", "it-geo-foreign", props("name", "it-geo-foreign",
                "url", receiver.url("/foreign")));
        configure("dev.herald.sink.webhook", "it-geo-all", props("name", "it-geo-all", "url", receiver.url("/all")));
        configure("dev.herald.route", "it-geo-foreign", props("name", "it-geo-foreign",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-geo-files\"],"
                        + "\"enrichment\":{\"geo\":{\"country\":[{\"anything-but\":\"DE\"}]}}}",
                "sinks", new String[] {"it-geo-foreign"}));
        configure("dev.herald.route", "it-geo-all", props("name", "it-geo-all",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-geo-files\"]}",
                "sinks", new String[] {"it-geo-all"}));
        configure("dev.herald.source.file", "it-geo-files", props("name", "it-geo-files",
                "directory", inbox.toString(), "poll_interval", 1, "settle_time", 100));

        dropCloudTrailFile("geo-home", "192.0.2.10", "geo-abroad", "198.51.100.7");

        Await.until(WAIT, () -> delivered("/all").size() == 2 && delivered("/foreign").size() == 1,
                () -> "both calls should reach it-geo-all, the one from Brazil it-geo-foreign: " + delivered("/all")
                        + "; " + delivered("/foreign") + "; " + problems());
        // both routes' entries of an event are committed at once: the call from home was not routed to it-geo-foreign
        assertEquals("only the call from Brazil matches 'outside DE'", 1, routed("it-geo-foreign"));
        List<JsonNode> foreign = delivered("/foreign");
        JsonNode event = foreign.get(0).path("event");
        assertEquals("geo-abroad", event.path("id").asText());
        JsonNode geo = event.path("enrichment").path("geo");
        assertEquals("BR", geo.path("country").asText());
        assertEquals("São Paulo", geo.path("city").asText());
        assertEquals(64511, geo.path("asn").asInt());
        assertFalse(problems(), problems().contains("enricher geoip"));
    }

    @Test
    public void b_withoutItsDatabaseEventsStillFlowAndTheProblemIsShown() throws Exception {
        Files.delete(databases.resolve("GeoLite2-City.mmdb"));

        dropCloudTrailFile("geo-abroad-2", "198.51.100.8");

        Await.until(WAIT, () -> delivered("/all").size() == 3,
                () -> "the call should still reach it-geo-all: " + delivered("/all") + "; " + problems());
        Await.until(WAIT, () -> problems().contains("enricher geoip"), () -> "no enricher problem: " + problems());
        assertTrue(problems(), problems().contains(databases.resolve("GeoLite2-City.mmdb") + " does not exist"));
        assertEquals("no country, no match", 1, routed("it-geo-foreign"));
    }

    @Test
    public void c_aPceEventArrivesWithTheLabelsOfItsWorkloadAndItsRunbook() throws Exception {
        final String workload = "/orgs/1/workloads/7d1c0f4e-3b2a-4c5d-9e8f-0a1b2c3d4e5f";
        ObjectNode event = JSON.createObjectNode().put("href", "/orgs/1/events/it-enrich-1")
                .put("event_type", "agent.tampering").put("status", "success").put("severity", "err")
                .put("timestamp", Instant.now().minusSeconds(30).toString()).put("pce_fqdn", "pce.it.example");
        event.putObject("created_by").putObject("workload").put("href", workload).put("hostname", "db-prod-03");
        VendorEmulator pce = new VendorEmulator(r -> {
            if (!PCE_AUTH.equals(r.header("Authorization"))) {
                return VendorEmulator.Answer.json(401, "{\"error\":\"authentication required\"}");
            }
            return switch (r.path()) {
                case "/api/v2/health" -> VendorEmulator.Answer.json(200, "[{\"status\":\"normal\"}]");
                case "/api/v2/orgs/1/events" -> VendorEmulator.Answer.json(200, "[" + event + "]");
                case "/api/v2" + workload -> VendorEmulator.Answer.json(200, "{\"href\":\"" + workload + "\","
                        + "\"hostname\":\"db-prod-03.example.com\",\"managed\":true,\"online\":true,"
                        + "\"enforcement_mode\":\"full\",\"labels\":[{\"href\":\"/orgs/1/labels/1\",\"key\":\"role\","
                        + "\"value\":\"db\"},{\"href\":\"/orgs/1/labels/2\",\"key\":\"env\",\"value\":\"prod\"}]}");
                default -> VendorEmulator.Answer.json(404, "{\"error\":\"not found\"}");
            };
        });
        features.installFeature("herald-source-pce");
        configure("dev.herald.sink.webhook", "it-geo-pce", props("name", "it-geo-pce", "url", receiver.url("/pce")));
        configure("dev.herald.route", "it-geo-pce-prod", props("name", "it-geo-pce-prod",
                "pattern", "{\"source\":[\"pce\"],\"instance\":[\"it-geo-pce\"],"
                        + "\"enrichment\":{\"pce\":{\"created_by\":{\"labels\":{\"env\":[\"prod\"]}}}}}",
                "sinks", new String[] {"it-geo-pce"}));
        configure("dev.herald.source.pce", "it-geo-pce", props("name", "it-geo-pce", "pce_url", pce.url(),
                "api_user", PCE_USER, "api_secret", PCE_SECRET, "poll_interval", 1, "backfill_hours", 1));

        Await.until(WAIT, () -> delivered("/pce").size() == 1,
                () -> "the PCE event should match on its workload's env label: " + delivered("/pce") + "; " + problems());
        JsonNode actor = delivered("/pce").get(0).path("event").path("enrichment").path("pce").path("created_by");
        assertEquals("db-prod-03.example.com", actor.path("hostname").asText());
        assertEquals("db", actor.path("labels").path("role").asText());
        assertEquals("full", actor.path("enforcement_mode").asText());
        assertTrue(actor.path("online").asBoolean());
        // and the runbook the shipped catalogue (etc/herald/runbooks/pce.json) has for its type
        JsonNode runbook = delivered("/pce").get(0).path("event").path("enrichment").path("runbook");
        assertEquals(runbook.toString(), "Workload protection", runbook.path("category").asText());
        assertEquals(runbook.toString(), "high", runbook.path("severity").asText());
        assertTrue(runbook.toString(), runbook.path("guidance").asText().contains("firewall"));
    }

    private boolean geoIpEnricherRegistered() {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences("dev.herald.api.enrich.Enricher", null);
            return refs != null && Arrays.stream(refs)
                    .anyMatch(r -> "dev.herald.enrich.geoip".equals(r.getBundle().getSymbolicName()));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeDatabases(Path dir) throws IOException, InterruptedException {
        String writer = System.getProperty(WRITER);
        assertTrue("failsafe sets " + WRITER, writer != null && Files.isRegularFile(Path.of(writer)));
        Process p = new ProcessBuilder("perl", writer, dir.toString()).redirectErrorStream(true).start();
        assertTrue(writer + " did not finish", p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(writer + " failed (it needs libmaxmind-db-writer-perl): " + output, 0, p.exitValue());
    }

    /** Writes a CloudTrail file of one ConsoleLogin per (eventID, sourceIPAddress) pair, atomically. */
    private static void dropCloudTrailFile(String... idsAndAddresses) throws IOException {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < idsAndAddresses.length; i += 2) {
            records.append(records.length() == 0 ? "" : ",").append("{\"eventVersion\":\"1.09\",\"userIdentity\":"
                    + "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\"},"
                    + "\"eventTime\":\"2026-11-22T10:00:0" + i / 2 + "Z\",\"eventSource\":\"signin.amazonaws.com\","
                    + "\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"eu-central-1\",\"sourceIPAddress\":\""
                    + idsAndAddresses[i + 1] + "\",\"eventID\":\"" + idsAndAddresses[i] + "\",\"eventType\":\"AwsConsoleSignIn\","
                    + "\"recipientAccountId\":\"123456789012\"}");
        }
        Path tmp = Files.createTempFile(inbox.getParent(), "ct", ".tmp");
        Files.writeString(tmp, "{\"Records\":[" + records + "]}", StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("123456789012_CloudTrail_eu-central-1_geo" + ++fileCounter + ".json"),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<JsonNode> delivered(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError("receiver got a body that is not JSON: " + r.body(), e);
            }
        }).collect(Collectors.toList());
    }

    private long routed(String route) {
        return herald.routes().stream().filter(r -> r.name().equals(route)).mapToLong(r -> r.counters().routed()).sum();
    }

    private String problems() {
        return herald.overview().problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
