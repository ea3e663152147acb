package dev.herald.sink.pagerduty;

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
import dev.herald.testkit.sink.JsonTemplatesContract;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The default templates rendered by Herald's own engine, on the demo records, sent through the
 * sink to the emulated Events API: every one is a valid event, hostile content does not break
 * the JSON, and a finding's trigger and later resolve share one dedup_key.
 */
class DefaultTemplatesTest extends JsonTemplatesContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\"quoted\" \\ back\nnew line </script><script>alert(1)</script>"
            + " <!channel> <@U123|x> & \u0001\u001f \ud83d\udea8";

    @AutoClose
    private final PagerDutyEmulator pagerDuty = new PagerDutyEmulator(PagerDutySinkTest.ROUTING_KEY);
    private final PagerDutySink sink = PagerDutySinkTest.sink(PagerDutySinkTest.config(pagerDuty.baseUrl()));

    DefaultTemplatesTest() {
        super(SinkTemplates.of(PagerDutySink.class).withDelivery("route", "pager", "key"));
    }

    /** Renders, sends through the sink, and returns what the emulated PagerDuty accepted. */
    private JsonNode deliver(Event event, Severity severity) throws Exception {
        Notification notification = templates.notification(event, severity);
        JSON.readTree(notification.body());
        sink.send(notification);
        assertEquals(List.of(), pagerDuty.rejections());
        return pagerDuty.accepted().get(pagerDuty.accepted().size() - 1);
    }

    @Test
    void aSecurityHubFindingTriggersAndItsLaterPassResolvesTheSameAlert() throws Exception {
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        String findingId = finding.get("Id").asText();
        finding.putObject("Compliance").put("Status", "FAILED");
        finding.put("RecordState", "ACTIVE");
        JsonNode trigger = deliver(SampleEvents.of("securityhub", findingId + "@" + finding.get("UpdatedAt").asText(),
                "Finding", finding), Severity.CRITICAL);

        assertEquals("trigger", trigger.get("event_action").asText());
        assertEquals(findingId, trigger.get("dedup_key").asText());
        assertEquals("critical", trigger.at("/payload/severity").asText());
        assertTrue(trigger.at("/payload/summary").asText().startsWith(finding.get("Title").asText()),
                trigger.at("/payload/summary").asText());
        assertEquals(finding.get("AwsAccountId").asText(), trigger.at("/payload/group").asText());
        assertEquals(finding, trigger.at("/payload/custom_details/finding"));

        finding.put("UpdatedAt", "2026-11-23T08:00:00.000Z");
        finding.putObject("Compliance").put("Status", "PASSED");
        JsonNode resolve = deliver(SampleEvents.of("securityhub", findingId + "@2026-11-23T08:00:00.000Z", "Finding", finding),
                Severity.INFO);
        assertEquals("resolve", resolve.get("event_action").asText());
        assertEquals(trigger.get("dedup_key"), resolve.get("dedup_key"));
    }

    @Test
    void anArchivedOrResolvedFindingResolvesAndAnOcsfFindingIsKeyedByItsUid() throws Exception {
        ObjectNode archived = DemoRecords.securityHubFinding(0);
        archived.put("RecordState", "ARCHIVED");
        assertEquals("resolve", deliver(SampleEvents.of("securityhub", "x@1", "Finding", archived), Severity.HIGH)
                .get("event_action").asText());
        ObjectNode workflowResolved = DemoRecords.securityHubFinding(0);
        workflowResolved.putObject("Workflow").put("Status", "RESOLVED");
        assertEquals("resolve", deliver(SampleEvents.of("securityhub", "x@2", "Finding", workflowResolved), Severity.HIGH)
                .get("event_action").asText());

        JsonNode ocsf = JSON.readTree("{\"severity\":\"Medium\",\"status\":\"New\",\"finding_info\":{\"uid\":\"ocsf-1\","
                + "\"title\":\"Root login\"},\"resources\":[{\"uid\":\"acct-root\",\"type\":\"AwsIamUser\"}],"
                + "\"cloud\":{\"account\":{\"uid\":\"210987654321\"},\"region\":\"eu-west-1\"}}");
        JsonNode trigger = deliver(SampleEvents.of("securityhub", "ocsf-1@t", "Finding", ocsf), Severity.MEDIUM);
        assertEquals("trigger", trigger.get("event_action").asText());
        assertEquals("ocsf-1", trigger.get("dedup_key").asText());
        assertEquals("Root login on acct-root (account 210987654321, eu-west-1)", trigger.at("/payload/summary").asText());
        assertEquals("warning", trigger.at("/payload/severity").asText());
    }

    @Test
    void aPceAuditEventIsKeyedByItsHref() throws Exception {
        JsonNode pce = DemoRecords.pceAuditEvent(1);
        JsonNode sent = deliver(SampleEvents.of("pce", "pce-1", pce.get("event_type").asText(), pce), Severity.MEDIUM);
        assertEquals("trigger", sent.get("event_action").asText());
        assertEquals(pce.get("href").asText(), sent.get("dedup_key").asText());
        assertEquals("Illumio PCE user.login_failed (failure) by system from 203.0.113.77 on pce.corp.example.com",
                sent.at("/payload/summary").asText());
        assertEquals("pce.corp.example.com", sent.at("/payload/source").asText());
        assertEquals("warning", sent.at("/payload/severity").asText());
        assertEquals("user.login_failed", sent.at("/payload/class").asText());
    }

    @Test
    void aCloudTrailRecordIsKeyedByItsEventIdAndLinksToTheConsole() throws Exception {
        JsonNode record = DemoRecords.cloudTrailRecord(1);
        JsonNode sent = deliver(SampleEvents.of("cloudtrail", "ct-1", record.get("eventName").asText(), record), Severity.HIGH);
        String eventId = record.get("eventID").asText();
        assertEquals(eventId, sent.get("dedup_key").asText());
        assertTrue(sent.at("/payload/summary").asText().startsWith("AWS ConsoleLogin"), sent.at("/payload/summary").asText());
        assertEquals("123456789012", sent.at("/payload/source").asText());
        assertEquals("error", sent.at("/payload/severity").asText());
        assertEquals("https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/" + eventId,
                sent.at("/links/0/href").asText());
    }

    @Test
    void anyOtherRecordUsesTheDefaultTemplate() throws Exception {
        JsonNode sent = deliver(SampleEvents.of("json", "ev-9", "Thing", JSON.readTree("{\"a\":1}")), Severity.LOW);
        assertEquals("ev-9", sent.get("dedup_key").asText());
        assertEquals("json Thing from prod", sent.at("/payload/summary").asText());
        assertEquals("info", sent.at("/payload/severity").asText());
        assertEquals(1, sent.at("/payload/custom_details/event/detail/a").asInt());
    }

    @Test
    void hostileContentStaysInsideItsStrings() throws Exception {
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        finding.put("Title", HOSTILE).put("Id", HOSTILE);
        finding.putObject("Compliance").put("Status", "FAILED");
        JsonNode fromFinding = deliver(SampleEvents.of("securityhub", "h@1", "Finding", finding), Severity.HIGH);
        assertEquals(HOSTILE, fromFinding.get("dedup_key").asText());
        assertTrue(fromFinding.at("/payload/summary").asText().startsWith(HOSTILE));

        JsonNode pce = JSON.readTree("{\"href\":\"/orgs/1/events/" + "\\\"x" + "\",\"event_type\":\"user.login_failed\","
                + "\"status\":\"failure\",\"created_by\":{\"user\":{\"username\":" + JSON.writeValueAsString(HOSTILE) + "}}}");
        JsonNode fromPce = deliver(SampleEvents.of("pce", "p", "user.login_failed", pce), Severity.HIGH);
        assertTrue(fromPce.at("/payload/summary").asText().contains(HOSTILE), fromPce.at("/payload/summary").asText());

        JsonNode fromTrail = deliver(SampleEvents.hostile(SampleEvents.CLOUDTRAIL, HOSTILE), Severity.HIGH);
        assertEquals(HOSTILE, fromTrail.at("/payload/class").asText());

        JsonNode other = deliver(SampleEvents.of("json", HOSTILE, HOSTILE, JSON.readTree("{}")), Severity.HIGH);
        assertEquals(HOSTILE, other.get("dedup_key").asText());
        assertFalse(pagerDuty.accepted().isEmpty());
    }

    /**
     * A link PagerDuty shows comes from event content only where that content cannot choose the
     * target: the console link's event id stays in its fragment (its host stays the AWS console:
     * {@link JsonTemplatesContract#theConsoleUrlCannotPointElsewhere}), and a finding's URLs become
     * links only when they are https.
     */
    @Test
    void eventContentCannotPointALinkElsewhere() throws Exception {
        JsonNode record = JSON.readTree("{\"eventName\":\"ConsoleLogin\",\"eventID\":\"e/../../x?y#z\",\"awsRegion\":"
                + "\"evil.example/\"}");
        String href = deliver(SampleEvents.of("cloudtrail", "c", "x", record), Severity.HIGH).at("/links/0/href").asText();
        assertTrue(href.endsWith("#/events/e%2F..%2F..%2Fx%3Fy%23z"), "the event id stays in the fragment: " + href);
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        finding.putObject("Remediation").putObject("Recommendation").put("Url", "javascript:alert(1)");
        finding.put("SourceUrl", "data:text/html,<script>alert(1)</script>");
        assertEquals(0, deliver(SampleEvents.of("securityhub", "f", "Finding", finding), Severity.HIGH).get("links").size());
        finding.put("SourceUrl", "https://console.aws.amazon.com/securityhub/");
        assertEquals("https://console.aws.amazon.com/securityhub/", deliver(SampleEvents.of("securityhub", "f", "Finding", finding),
                Severity.HIGH).at("/links/0/href").asText());
    }

    @Test
    void aRecordWithoutTheUsualFieldsStillRendersAValidEvent() throws Exception {
        JsonNode empty = JSON.readTree("{}");
        assertEquals("ev-s", deliver(SampleEvents.of("securityhub", "ev-s", "Finding", empty), Severity.HIGH).get("dedup_key").asText());
        assertEquals("ev-p", deliver(SampleEvents.of("pce", "ev-p", "agent.tampering", empty), Severity.HIGH).get("dedup_key").asText());
        JsonNode trail = deliver(SampleEvents.of("cloudtrail", "ev-c", "ConsoleLogin", empty), Severity.HIGH);
        assertEquals("ev-c", trail.get("dedup_key").asText());
        assertEquals("AWS ConsoleLogin by unknown identity (account prod)", trail.at("/payload/summary").asText());
        assertEquals(0, trail.get("links").size());
    }
}
