package dev.herald.testkit.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.record.RecordSummary;
import dev.herald.api.sink.Escaping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sample kind has the summary its record kind gives it, and one template built on it renders them all. */
class SampleSummariesTest {

    @Test
    void everySampleKindHasItsKindsSummary() {
        assertEquals(new RecordSummary("user.login_failed by system", "system", "admin@corp.example.com",
                "pce.corp.example.com", null, "failure", "https://pce.corp.example.com/#/events"),
                SampleEvents.summary(SampleEvents.PCE));
        assertEquals(new RecordSummary("web-prod-01.corp.example.com -> db-prod-03.corp.example.com:5432 allowed",
                "web-prod-01.corp.example.com", "db-prod-03.corp.example.com:5432", "pce.corp.example.com", null,
                "allowed", null), SampleEvents.summary(SampleEvents.ILLUMIO_FLOW));
        RecordSummary cloudTrail = SampleEvents.summary(SampleEvents.CLOUDTRAIL);
        assertEquals("ConsoleLogin by bob", cloudTrail.title());
        assertEquals("123456789012", cloudTrail.account());
        assertEquals("us-east-1", cloudTrail.region());
        assertEquals("Failure", cloudTrail.outcome());
        assertEquals("https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/"
                + "4dae2063-8b5c-4e19-af7d-2c3e6a9b1f52", cloudTrail.link());
        RecordSummary finding = SampleEvents.summary(SampleEvents.SECURITYHUB);
        assertEquals(SampleEvents.of(SampleEvents.SECURITYHUB).detail().get("Title").asText(), finding.title());
        assertEquals("Security Hub", finding.actor());
        assertEquals("eu-west-1", finding.region());
        assertEquals(new RecordSummary("json from json-main", null, null, null, null, null, null),
                SampleEvents.summary(SampleEvents.JSON));
    }

    @Test
    void oneDefaultTemplateOnTheSummaryRendersEveryKind(@TempDir Path resources) throws Exception {
        Files.createDirectories(resources.resolve("templates"));
        Files.writeString(resources.resolve("templates/default.peb"),
                "{{ summary.title }} | {{ summary.outcome | default('-') }} | {{ summary.link | default('-') }}");
        Map<String, String> bodies = SinkTemplates.of("acme", Escaping.NONE).withBundleResources(resources).renderAll();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            RecordSummary s = SampleEvents.summary(body.getKey());
            assertEquals(s.title() + " | " + (s.outcome() == null ? "-" : s.outcome()) + " | "
                    + (s.link() == null ? "-" : s.link()), body.getValue(), body.getKey());
        }
        assertEquals(5, bodies.size());
    }
}
