package dev.herald.sink.servicenow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.DemoRecords;
import dev.herald.testkit.sink.SampleEvents;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TicketTemplatesContract;
import dev.herald.api.text.Text;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default templates rendered by Herald's own engine, on the demo records, sent through the
 * sink to the emulated Table API: every one is a flat set of incident fields, hostile content does
 * not break the JSON, and the severity maps to urgency and impact.
 */
class DefaultTemplatesTest extends TicketTemplatesContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\"quoted\" \\ back\nnew line </script><script>alert(1)</script>"
            + " <!channel> <@U123|x> & \u0001\u001f \ud83d\udea8";

    @AutoClose
    private final ServiceNowEmulator snow = new ServiceNowEmulator("incident", ServiceNowSinkTest.BASIC);
    private final ServiceNowSink sink = ServiceNowSinkTest.sink(ServiceNowSinkTest.config(snow.url()));

    DefaultTemplatesTest() {
        super(SinkTemplates.of(ServiceNowSink.class).withDelivery("route", "snow", "key"));
    }

    /** Renders, sends through the sink, and returns the incident the emulated ServiceNow holds. */
    private ObjectNode deliver(Event event, Severity severity) throws Exception {
        String body = templates.render(event, severity);
        JsonNode group = JSON.readTree(body).path("group_key");
        sink.send(new Notification(event, "route", "snow", severity, body, 1, event.id()));
        assertEquals(List.of(), snow.rejections());
        String correlationId = group.isTextual()
                ? IncidentFields.correlationId(IncidentFields.GROUP_PREFIX + group.asText()) : event.id();
        return snow.records().values().stream()
                .filter(r -> r.get("correlation_id").asText().equals(correlationId)).findFirst().orElseThrow();
    }

    @Test
    void aPceAuditEventDescribesWhoDidWhatFromWhere() throws Exception {
        JsonNode pce = DemoRecords.pceAuditEvent(1);
        ObjectNode incident = deliver(SampleEvents.of("pce", "pce-1", pce.get("event_type").asText(), pce), Severity.MEDIUM);
        assertEquals("Illumio PCE user.login_failed (failure) by system from 203.0.113.77",
                incident.get("short_description").asText());
        String description = incident.get("description").asText();
        assertTrue(description.contains("Illumio PCE audit event on pce.corp.example.com"), description);
        assertEquals(pce, JSON.readTree(description.substring(description.indexOf("PCE event:\n") + 11)));
        assertEquals("2", incident.get("urgency").asText());
        assertEquals("2", incident.get("impact").asText());
        assertEquals("monitoring", incident.get("contact_type").asText());
        assertFalse(incident.has("assignment_group"));
    }

    @Test
    void aCloudTrailRecordLinksToTheConsole() throws Exception {
        JsonNode record = DemoRecords.cloudTrailRecord(1);
        ObjectNode incident = deliver(SampleEvents.of("cloudtrail", "ct-1", record.get("eventName").asText(), record),
                Severity.HIGH);
        assertTrue(incident.get("short_description").asText().startsWith("AWS ConsoleLogin"),
                incident.get("short_description").asText());
        assertTrue(incident.get("description").asText().contains("Console: https://us-east-1.console.aws.amazon.com"
                + "/cloudtrail/home?region=us-east-1#/events/" + record.get("eventID").asText()));
        assertEquals("1", incident.get("urgency").asText());
        assertEquals("2", incident.get("impact").asText());
    }

    @Test
    void aSecurityHubFindingNamesTitleResourceAndAccountAndMarksAPassAsResolved() throws Exception {
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        finding.putObject("Compliance").put("Status", "FAILED");
        ObjectNode open = deliver(SampleEvents.of("securityhub", "f@1", "Finding", finding), Severity.CRITICAL);
        String title = finding.get("Title").asText();
        assertTrue(open.get("short_description").asText().startsWith(title.substring(0, Math.min(title.length(), 100))),
                open.get("short_description").asText());
        assertTrue(open.get("description").asText().contains("Account: " + finding.get("AwsAccountId").asText()));
        assertEquals("1", open.get("urgency").asText());
        assertEquals("1", open.get("impact").asText());

        finding.putObject("Compliance").put("Status", "PASSED");
        ObjectNode passed = deliver(SampleEvents.of("securityhub", "f@2", "Finding", finding), Severity.INFO);
        assertTrue(passed.get("short_description").asText().startsWith("[resolved] "));
        assertEquals("3", passed.get("urgency").asText());
    }

    @Test
    void everyUpdateOfAFindingPatchesItsOneIncidentCorrelatedByTheFindingId() throws Exception {
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        finding.putObject("Compliance").put("Status", "FAILED");
        deliver(SampleEvents.of("securityhub", "f@1", "Finding", finding), Severity.HIGH);
        finding.put("UpdatedAt", "2026-11-23T08:00:00Z").putObject("Compliance").put("Status", "PASSED");
        deliver(SampleEvents.of("securityhub", "f@2", "Finding", finding), Severity.INFO);

        assertEquals(1, snow.records().size());
        String sysId = snow.records().keySet().iterator().next();
        assertEquals(List.of("GET /api/now/table/incident", "POST /api/now/table/incident",
                "GET /api/now/table/incident", "PATCH /api/now/table/incident/" + sysId), snow.requests());
        ObjectNode incident = snow.records().get(sysId);
        assertEquals("sha256:" + Text.sha256Hex("group:" + finding.get("Id").asText()),
                incident.get("correlation_id").asText());
        assertFalse(incident.has("group_key"));
        assertTrue(incident.get("short_description").asText().startsWith("[resolved] "));
        assertEquals("3", incident.get("urgency").asText());
    }

    @ParameterizedTest
    @CsvSource({"critical,1,1", "high,1,2", "medium,2,2", "low,3,3", "info,3,3"})
    void theDefaultTemplateMapsSeverityToUrgencyAndImpact(String severity, String urgency, String impact)
            throws Exception {
        Severity s = Severity.parse(severity).orElseThrow();
        ObjectNode incident = deliver(SampleEvents.of("json", "ev-" + severity, "Thing", JSON.readTree("{\"a\":1}")), s);
        assertEquals("[Herald] json Thing from prod", incident.get("short_description").asText());
        assertEquals(urgency, incident.get("urgency").asText());
        assertEquals(impact, incident.get("impact").asText());
    }

    @Test
    void hostileContentStaysInsideTheStrings() throws Exception {
        ObjectNode hostile = JSON.createObjectNode();
        hostile.put("event_type", HOSTILE).put("Title", HOSTILE).put("eventName", HOSTILE).put("status", HOSTILE);
        hostile.putObject("action").put("src_ip", HOSTILE);
        for (String source : List.of("pce", "cloudtrail", "securityhub", "json")) {
            ObjectNode incident = deliver(SampleEvents.of(source, "h-" + source, HOSTILE, hostile), Severity.HIGH);
            assertTrue(incident.get("short_description").asText().contains("\"quoted\" \\ back\nnew line </script>"),
                    source + ": " + incident.get("short_description").asText());
            assertTrue(incident.get("description").asText().contains("<script>alert(1)</script>"), source);
            assertEquals("1", incident.get("urgency").asText(), source);
        }
    }
}
