package dev.herald.core.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.core.TestEvents;
import dev.herald.core.enrich.EnrichmentStage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrichment stage gives an event the catalogue's runbook for its source and type as enrichment.runbook. */
class RunbookEnricherTest {
    @TempDir
    Path dir;
    private final EnrichmentStage stage = new EnrichmentStage();

    @AfterEach
    void stop() {
        stage.stop();
    }

    @Test
    void anEventWithARunbookGetsItBeforeRouting() throws Exception {
        Files.writeString(dir.resolve("cloudtrail.json"), "{\"StopLogging\": {\"category\": \"Audit trail\","
                + " \"severity\": \"high\", \"link\": \"https://docs.example/StopLogging\", \"guidance\": \"Restore it.\"}}");
        RunbookEnricher enricher = new RunbookEnricher(dir);
        enricher.reload();
        stage.addEnricher(enricher);

        Event e = stage.enrich(TestEvents.event("1", "cloudtrail", "StopLogging", "{}"));
        assertEquals("{\"runbook\":{\"category\":\"Audit trail\",\"guidance\":\"Restore it.\","
                + "\"link\":\"https://docs.example/StopLogging\",\"severity\":\"high\"}}", e.enrichment().toString());

        Event other = stage.enrich(TestEvents.event("2", "cloudtrail", "GetObject", "{}"));
        assertTrue(other.enrichment().isEmpty(), other.enrichment().toString());
        assertEquals(java.util.Map.of(), stage.problems());
    }

    @Test
    void aBrokenCatalogueFileIsShownAndEventsGoOn() throws Exception {
        Files.writeString(dir.resolve("pce.json"), "{");
        RunbookEnricher enricher = new RunbookEnricher(dir);
        enricher.reload();
        stage.addEnricher(enricher);

        assertTrue(enricher.problems().get("pce.json").startsWith("pce.json is not valid JSON"), enricher.problems().toString());
        Event e = stage.enrich(TestEvents.event("1", "pce", "user.login_failed", "{}"));
        assertFalse(e.enrichment().has("runbook"));
    }
}
