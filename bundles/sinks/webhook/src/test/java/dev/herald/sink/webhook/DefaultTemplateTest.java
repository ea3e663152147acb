package dev.herald.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SampleEvents;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TemplatesContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default template, rendered by Herald's own engine as the dispatcher renders it for this
 * sink ({@code herald.template.escape=json}), is a valid JSON document even when the record is
 * full of quotes, backslashes and line breaks.
 */
class DefaultTemplateTest extends TemplatesContract {
    DefaultTemplateTest() {
        super(SinkTemplates.of(WebhookSink.class));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path userTemplates;

    @Test
    void rendersAJsonDocumentWithRouteSinkSeverityAndTheEventWithItsRawRecord() throws Exception {
        String raw = "{\"eventName\":\"CreateUser\",\"note\":\"line1\\nline2 \\\"quoted\\\" \\\\ back </script>\"}";
        Event event = Event.builder().id("ev-\"1\"").source("cloudtrail").instance("org-trail").type("CreateUser")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.MEDIUM)
                .detail(JSON.readTree(raw)).raw(raw).build();

        String body = SinkTemplates.of(WebhookSink.class).withUserTemplates(userTemplates)
                .withDelivery("iam \"changes\"", "siem", "k-1").render(event, Severity.HIGH);

        JsonNode json = JSON.readTree(body);
        assertEquals("iam \"changes\"", json.path("route").asText());
        assertEquals("siem", json.path("sink").asText());
        assertEquals("high", json.path("severity").asText());
        assertEquals("k-1", json.path("idempotencyKey").asText());
        assertEquals(event.envelope().put("raw", raw), json.path("event"), "the envelope and the raw record, once");
    }

    @Test
    void carriesTheSummaryOfEveryKindOfRecordInTheSameFields() throws Exception {
        Map<String, String> bodies = SinkTemplates.of(WebhookSink.class).withUserTemplates(userTemplates).renderAll();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            JsonNode summary = JSON.readTree(body.getValue()).path("summary");
            assertEquals(JSON.valueToTree(SampleEvents.summary(body.getKey()).asMap()), summary, body.getKey());
        }
        assertEquals("ConsoleLogin by bob", JSON.readTree(bodies.get(SampleEvents.CLOUDTRAIL)).path("summary")
                .path("title").asText());
    }
}
