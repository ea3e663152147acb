package dev.herald.core.journal;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.enrich.EnrichmentStage;
import dev.herald.core.enrich.TestEnricher;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.OutboxEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal hands each event to the enrichment stage before routing it. */
class EnrichedRoutingTest {
    @TempDir
    Path dir;
    MvStore store;
    RouteTable table;
    JournalService journal;
    final EnrichmentStage stage = new EnrichmentStage();

    @BeforeEach
    void open() {
        store = MvStore.open(TestSettings.defaults(dir));
        Map<String, Object> foreign = route("foreign-api-call",
                "{\"source\":[\"cloudtrail\"],\"enrichment\":{\"geo\":{\"country\":[{\"anything-but\":\"DE\"}]}}}",
                "soc");
        table = routes(foreign, route("all", "{\"source\":[\"cloudtrail\"]}", "archive"));
        journal = new JournalService(store, () -> table, new SourceProblems());
        journal.enrichment = stage;
    }

    @AfterEach
    void close() {
        stage.stop();
        store.close();
    }

    private static Event ct(String id, String ip) {
        return event(id, "cloudtrail", "GetObject", "{\"sourceIPAddress\":\"" + ip + "\"}");
    }

    /** A geo enricher of two known addresses; it fails for every other one. */
    private static TestEnricher geo() {
        return new TestEnricher("geoip", 100, Duration.ofSeconds(5), e -> {
            String ip = e.detail().path("sourceIPAddress").asText();
            String country = switch (ip) {
                case "192.0.2.1" -> "DE";
                case "198.51.100.7" -> "BR";
                default -> throw new IllegalArgumentException("no database entry for " + ip);
            };
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            fields.putObject("geo").put("ip", ip).put("country", country);
            return fields;
        });
    }

    @Test
    void routesMatchOnEnrichedFieldsAndTheOutboxKeepsThem() throws Exception {
        stage.addEnricher(geo());

        journal.append("trail", List.of(ct("home", "192.0.2.1"), ct("abroad", "198.51.100.7")), Checkpoint.of("1"));

        List<OutboxEntry> soc = store.read(v -> v.due("soc", Long.MAX_VALUE, 10));
        assertEquals(List.of("abroad"), soc.stream().map(o -> o.decodeEvent().id()).toList());
        Event delivered = soc.get(0).decodeEvent();
        assertEquals("BR", delivered.enrichment().path("geo").path("country").asText(),
                "the sink gets the enriched event");
        assertEquals(2L, (long) store.read(v -> v.pending("archive")));
    }

    @Test
    void anEventWhoseEnrichmentFailedIsStillRoutedWithoutTheField() throws Exception {
        stage.addEnricher(geo());

        int fresh = journal.append("trail", List.of(ct("odd", "203.0.113.9")), Checkpoint.of("1"));

        assertEquals(1, fresh);
        List<OutboxEntry> archive = store.read(v -> v.due("archive", Long.MAX_VALUE, 10));
        assertEquals(1, archive.size(), "delivery goes on");
        assertFalse(archive.get(0).decodeEvent().enrichment().has("geo"));
        assertEquals(0L, (long) store.read(v -> v.pending("soc")), "no country: 'anything-but DE' does not match");
        assertTrue(stage.problems().get("geoip").contains("no database entry for 203.0.113.9"));
    }
}
