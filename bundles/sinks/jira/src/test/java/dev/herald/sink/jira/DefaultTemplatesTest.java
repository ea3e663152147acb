package dev.herald.sink.jira;

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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The default templates rendered by Herald's own engine, on the demo records, sent through the
 * sink to the emulated Jira Cloud and Data Center: every one is a valid issue there, and hostile
 * content stays inside its strings (and inside ADF text nodes).
 */
class DefaultTemplatesTest extends TicketTemplatesContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\"quoted\" \\ back\nnew line </script><script>alert(1)</script>"
            + " <!channel> <@U123|x> {code} [link|http://x] & \u0001\u001f \ud83d\udea8";

    @AutoClose
    private final JiraEmulator cloud = new JiraEmulator(true, JiraSinkTest.BASIC, "SEC");
    @AutoClose
    private final JiraEmulator dataCenter = new JiraEmulator(false, "Bearer " + JiraSinkTest.TOKEN, "SEC");
    private final JiraSink cloudSink = JiraSinkTest.sink(JiraSinkTest.config(cloud.baseUrl()));
    private final JiraSink dataCenterSink = JiraSinkTest.sink(JiraSinkTest.config(dataCenter.baseUrl(),
            "deployment", "datacenter", "auth", "bearer", "username", ""));
    private int deliveries;

    DefaultTemplatesTest() {
        super(SinkTemplates.of(JiraSink.class).withDelivery("route", "jira", "key"));
    }

    /** Renders, delivers to both emulators, and returns the Cloud issue's fields. */
    private JsonNode deliver(Event event, Severity severity) throws Exception {
        String body = templates.render(event, severity);
        JSON.readTree(body);
        String key = String.format("%016x", ++deliveries) + "0000000000000000";
        cloudSink.send(new Notification(event, "route", "jira", severity, body, 1, key));
        dataCenterSink.send(new Notification(event, "route", "jira", severity, body, 1, key));
        assertEquals(List.of(), cloud.violations());
        assertEquals(List.of(), dataCenter.violations());
        return cloud.issues().get("SEC-" + deliveries);
    }

    private static String adfText(JsonNode doc) {
        List<String> texts = new ArrayList<>();
        doc.findValues("text").forEach(t -> texts.add(t.asText()));
        return String.join("\n", texts);
    }

    @Test
    void aSecurityHubFindingBecomesAnIssueWithItsDescriptionRemediationAndTheFinding() throws Exception {
        JsonNode finding = DemoRecords.securityHubFinding(0);
        JsonNode fields = deliver(SampleEvents.of("securityhub", "f@1", "Finding", finding), Severity.CRITICAL);
        assertTrue(fields.get("summary").asText().startsWith("[CRITICAL] " + finding.get("Title").asText()),
                fields.get("summary").asText());
        assertEquals("Highest", fields.at("/priority/name").asText());
        assertTrue(fields.get("labels").toString().contains("\"aws-" + finding.get("AwsAccountId").asText() + "\""));
        String text = adfText(fields.get("description"));
        assertTrue(text.contains("Account: " + finding.get("AwsAccountId").asText()), text);
        JsonNode codeBlock = null;
        for (JsonNode block : fields.at("/description/content")) {
            if (block.path("type").asText().equals("codeBlock")) {
                codeBlock = block;
            }
        }
        assertEquals(finding, JSON.readTree(codeBlock.at("/content/0/text").asText()));
    }

    @Test
    void everyUpdateOfAFindingIsACommentOnItsOneIssue() throws Exception {
        ObjectNode finding = DemoRecords.securityHubFinding(0);
        deliver(SampleEvents.of("securityhub", "f@1", "Finding", finding), Severity.HIGH);
        finding.put("UpdatedAt", "2026-11-23T08:00:00Z").putObject("Compliance").put("Status", "PASSED");
        String body = templates.render(SampleEvents.of("securityhub", "f@2", "Finding", finding), Severity.INFO);
        Event update = SampleEvents.of("securityhub", "f@2", "Finding", finding);
        cloudSink.send(new Notification(update, "route", "jira", Severity.INFO, body, 1, "ff".repeat(16)));
        dataCenterSink.send(new Notification(update, "route", "jira", Severity.INFO, body, 1, "ff".repeat(16)));

        for (JiraEmulator jira : List.of(cloud, dataCenter)) {
            assertEquals(List.of(), jira.violations());
            assertEquals(1, jira.issues().size());
            assertEquals(List.of("SEC-1"), jira.commented());
            assertTrue(jira.issues().get("SEC-1").get("labels").toString()
                    .contains(IssueRequests.groupLabel(finding.get("Id").asText())));
        }
        assertTrue(adfText(cloud.comments().get(0)).contains("Compliance: PASSED"), adfText(cloud.comments().get(0)));
    }

    @Test
    void aPceAuditEventAndACloudTrailRecordNameWhoDidWhatWhere() throws Exception {
        JsonNode pce = DemoRecords.pceAuditEvent(1);
        JsonNode fromPce = deliver(SampleEvents.of("pce", "pce-1", pce.get("event_type").asText(), pce), Severity.MEDIUM);
        assertEquals("[MEDIUM] Illumio PCE user.login_failed (failure) by system on pce.corp.example.com",
                fromPce.get("summary").asText());
        assertTrue(adfText(fromPce.get("description")).contains("From: 203.0.113.77"));
        assertEquals("Medium", fromPce.at("/priority/name").asText());

        JsonNode record = DemoRecords.cloudTrailRecord(1);
        JsonNode fromTrail = deliver(SampleEvents.of("cloudtrail", "ct-1", record.get("eventName").asText(), record), Severity.HIGH);
        assertTrue(fromTrail.get("summary").asText().startsWith("[HIGH] AWS ConsoleLogin"), fromTrail.get("summary").asText());
        assertTrue(adfText(fromTrail.get("description")).contains("#/events/" + record.get("eventID").asText()));
    }

    @Test
    void anyOtherRecordAndAnEmptyOneStillMakeValidIssues() throws Exception {
        JsonNode other = deliver(SampleEvents.of("json", "ev-9", "Thing", JSON.readTree("{\"a\":1}")), Severity.LOW);
        assertEquals("[LOW] json Thing from prod", other.get("summary").asText());
        JsonNode empty = JSON.readTree("{}");
        deliver(SampleEvents.of("securityhub", "ev-s", "Finding", empty), Severity.HIGH);
        deliver(SampleEvents.of("pce", "ev-p", "agent.tampering", empty), Severity.HIGH);
        assertEquals("[HIGH] AWS ConsoleLogin by unknown identity (account prod)",
                deliver(SampleEvents.of("cloudtrail", "ev-c", "ConsoleLogin", empty), Severity.HIGH).get("summary").asText());
    }

    @Test
    void hostileContentStaysInsideItsStrings() throws Exception {
        ObjectNode finding = JSON.createObjectNode().put("Title", HOSTILE).put("Description", HOSTILE)
                .put("AwsAccountId", HOSTILE);
        JsonNode fields = deliver(SampleEvents.of("securityhub", "h@1", "Finding", finding), Severity.HIGH);
        String summary = fields.get("summary").asText();
        assertTrue(summary.startsWith("[HIGH] \"quoted\" \\ back new line </script>"), summary);
        assertTrue(adfText(fields.get("description")).contains("<!channel> <@U123|x> {code}"));
        String wiki = dataCenter.issues().get("SEC-1").get("description").asText();
        assertTrue(wiki.contains("<\\@U123\\|x> \\{code\\} \\[link\\|http://x\\] &amp;"), wiki);
        assertTrue(wiki.startsWith("\"quoted\" &#92; back"), "a backslash cannot escape a backslash: " + wiki);
        assertTrue(wiki.contains("{ code}"), wiki);
        // only the sink's own code block opens and closes: {code:json} … {code}
        assertEquals(2, Pattern.compile("(?<!\\\\)\\{code").matcher(wiki).results().count(), wiki);
        assertTrue(wiki.endsWith("\n{code}"), wiki);

        assertTrue(deliver(SampleEvents.hostile(SampleEvents.CLOUDTRAIL, HOSTILE), Severity.HIGH).get("summary")
                .asText().contains("</script>"));
        JsonNode pce = JSON.readTree("{\"event_type\":" + JSON.writeValueAsString(HOSTILE) + "}");
        deliver(SampleEvents.of("pce", HOSTILE, HOSTILE, pce), Severity.HIGH);
        deliver(SampleEvents.of("json", HOSTILE, HOSTILE, JSON.readTree("{}")), Severity.HIGH);
    }
}
