package dev.herald.sink.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TemplatesContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default templates, rendered by Herald's own engine as the dispatcher renders them
 * ({@code herald.template.escape=json}), give a valid Slack message: a text fallback and Block Kit
 * within Slack's limits, whatever the record holds.
 */
class TemplatesTest extends TemplatesContract {
    TemplatesTest() {
        super(SinkTemplates.of(SlackSink.class));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Quotes, backslashes, line breaks, HTML and Slack's control sequences (mentions, links). */
    private static final String HOSTILE = "<!channel> \"x\" \\ a\nb & <script>alert(1)</script> <https://evil.example|ok>";
    private static final String HOSTILE_MRKDWN = "&lt;!channel&gt; \"x\" \\ a\nb &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
            + " &lt;https://evil.example|ok&gt;";

    @TempDir
    Path userTemplates;

    private JsonNode render(String source, String type, String detailJson, Severity severity) throws Exception {
        Event event = Event.builder().id("ev-1").source(source).instance("prod-" + source).type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(severity)
                .detail(JSON.readTree(detailJson)).raw(detailJson).build();
        String body = SinkTemplates.of(SlackSink.class).withUserTemplates(userTemplates)
                .withDelivery("secops-alerts", "secops", "key-1").render(event, severity);
        JsonNode message = JSON.readTree(body);
        assertWithinSlackLimits(message);
        assertEquals("prod-" + source + " (" + source + ") · route secops-alerts · 2026-11-22T10:00:00Z",
                message.at("/blocks/" + (message.path("blocks").size() - 1) + "/elements/0/text").asText());
        return message;
    }

    private static void assertWithinSlackLimits(JsonNode message) {
        assertTrue(message.path("text").isTextual() && !message.path("text").asText().isBlank(), message::toString);
        assertFalse(message.has("channel"), "the sink sets the channel");
        JsonNode blocks = message.path("blocks");
        assertEquals("header", blocks.path(0).path("type").asText());
        assertEquals("context", blocks.path(blocks.size() - 1).path("type").asText());
        assertEquals(List.of(), SlackEmulator.violations(message));
    }

    private static List<String> fields(JsonNode message) {
        List<String> texts = new ArrayList<>();
        message.path("blocks").forEach(b -> b.path("fields").forEach(f -> texts.add(f.path("text").asText())));
        return texts;
    }

    @Test
    void pceAuditEvent() throws Exception {
        JsonNode m = render("pce", "user.sign_in", "{\"href\":\"/orgs/7/events/0b6f\",\"pce_fqdn\":\"pce.corp.example.com\","
                + "\"created_by\":{\"user\":{\"href\":\"/users/14\",\"username\":\"maria.lopez@corp.example.com\"}},"
                + "\"event_type\":\"user.sign_in\",\"status\":\"failure\",\"severity\":\"warning\",\"action\":{"
                + "\"api_endpoint\":\"/login/users/sign_in\",\"api_method\":\"POST\",\"http_status_code\":401,"
                + "\"src_ip\":\"198.51.100.24\"}}", Severity.HIGH);
        assertEquals(":red_circle: HIGH · PCE user.sign_in", m.at("/blocks/0/text/text").asText());
        assertEquals(List.of("*Event*\n`user.sign_in`", "*Status*\nfailure", "*By*\nmaria.lopez@corp.example.com",
                "*Source IP*\n198.51.100.24", "*API*\nPOST /login/users/sign_in", "*PCE*\npce.corp.example.com"),
                fields(m));
        assertEquals(":red_circle: HIGH PCE user.sign_in by maria.lopez@corp.example.com (failure)",
                m.path("text").asText());
    }

    @Test
    void pceEventFromAWorkloadWithFewFields() throws Exception {
        JsonNode m = render("pce", "agent.tampering", "{\"created_by\":{\"workload\":{\"hostname\":\"web-01\"}}}",
                Severity.CRITICAL);
        assertEquals(":rotating_light: CRITICAL · PCE agent.tampering", m.at("/blocks/0/text/text").asText());
        assertTrue(fields(m).contains("*By*\nweb-01"));
        assertTrue(fields(m).contains("*Source IP*\n-"));
    }

    @Test
    void cloudTrailRecordWithAnError() throws Exception {
        JsonNode m = render("cloudtrail", "ConsoleLogin", "{\"eventSource\":\"signin.amazonaws.com\","
                + "\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"203.0.113.7\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/bob\","
                + "\"accountId\":\"123456789012\"},\"errorCode\":\"Failed authentication\","
                + "\"errorMessage\":\"Failed authentication\",\"recipientAccountId\":\"123456789012\"}", Severity.MEDIUM);
        assertEquals(":large_orange_circle: MEDIUM · CloudTrail ConsoleLogin", m.at("/blocks/0/text/text").asText());
        assertEquals(List.of("*Event*\n`signin.amazonaws.com` ConsoleLogin", "*By*\narn:aws:iam::123456789012:user/bob",
                "*Source IP*\n203.0.113.7", "*Account / region*\n123456789012 / eu-west-1",
                "*Error*\nFailed authentication: Failed authentication"), fields(m));
        assertTrue(m.path("text").asText().endsWith("failed: Failed authentication"));
    }

    @Test
    void cloudTrailRecordWithoutAnErrorHasNoErrorField() throws Exception {
        JsonNode m = render("cloudtrail", "CreateUser", "{\"eventName\":\"CreateUser\",\"userIdentity\":"
                + "{\"type\":\"Root\"}}", Severity.LOW);
        assertEquals(4, fields(m).size());
        assertTrue(fields(m).contains("*By*\nRoot"));
    }

    @Test
    void securityHubFinding() throws Exception {
        JsonNode m = render("securityhub", "EC2.19", "{\"Title\":\"EC2.19 Security groups should not allow"
                + " unrestricted access to ports with high risk\",\"Description\":\"This control checks whether"
                + " unrestricted incoming traffic is accessible.\",\"Severity\":{\"Label\":\"CRITICAL\"},"
                + "\"AwsAccountId\":\"123456789012\",\"Region\":\"eu-west-1\",\"ProductName\":\"Security Hub\","
                + "\"Resources\":[{\"Type\":\"AwsEc2SecurityGroup\",\"Id\":\"arn:aws:ec2:eu-west-1:123456789012:"
                + "security-group/sg-0a1b\"}],\"Compliance\":{\"Status\":\"FAILED\"},\"Workflow\":{\"Status\":\"NEW\"}}",
                Severity.CRITICAL);
        assertEquals("This control checks whether unrestricted incoming traffic is accessible.",
                m.at("/blocks/1/text/text").asText());
        assertEquals(List.of("*Finding severity*\nCRITICAL", "*Compliance*\nFAILED",
                "*Resource*\narn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b",
                "*Account / region*\n123456789012 / eu-west-1", "*Product*\nSecurity Hub", "*Workflow*\nNEW"), fields(m));
        assertTrue(m.at("/blocks/0/text/text").asText().startsWith(":rotating_light: CRITICAL · EC2.19 Security groups"));
    }

    @Test
    void illumioFlowSummary() throws Exception {
        JsonNode m = render("illumio-flow", "flow", "{\"src_ip\":\"10.20.1.11\",\"dst_ip\":\"10.20.4.33\",\"proto\":6,"
                + "\"dst_port\":5432,\"pd\":2,\"count\":148,\"src_hostname\":\"web-prod-01.corp.example.com\","
                + "\"dst_hostname\":\"db-prod-03.corp.example.com\",\"pce_fqdn\":\"pce.corp.example.com\"}", Severity.HIGH);
        assertEquals(":red_circle: HIGH · Flow blocked 10.20.1.11 → 10.20.4.33:5432/tcp", m.at("/blocks/0/text/text").asText());
        assertEquals(List.of("*Source*\n10.20.1.11 (web-prod-01.corp.example.com)",
                "*Destination*\n10.20.4.33:5432/tcp (db-prod-03.corp.example.com)", "*Policy decision*\nblocked",
                "*Connections*\n148", "*PCE*\npce.corp.example.com"), fields(m));
        JsonNode empty = render("illumio-flow", "flow", "{}", Severity.LOW);
        assertEquals(List.of("*Source*\n?", "*Destination*\n?:?/?", "*Policy decision*\nunknown", "*Connections*\n1",
                "*PCE*\n-"), fields(empty));
    }

    @Test
    void anyOtherRecordUsesTheDefault() throws Exception {
        JsonNode m = render("json", "Thing", "{}", Severity.INFO);
        assertEquals(":large_blue_circle: INFO · Thing", m.at("/blocks/0/text/text").asText());
        assertEquals(List.of("*Record*\njson", "*Event ID*\nev-1"), fields(m));
    }

    /**
     * Escaping makes text longer (one & is five characters as &amp;): every template cuts a value
     * after escaping it, so the message Slack receives is within its limits whatever the record
     * holds, and never ends on half an entity or half an emoji.
     */
    @Test
    void valuesThatEscapingLengthensStayWithinSlacksLimits() throws Exception {
        String longest = "&<>".repeat(1000) + "\ud83d\udea8".repeat(10);
        java.util.Map<String, Object> every = new java.util.LinkedHashMap<>();
        for (String key : List.of("event_type", "status", "pce_fqdn", "eventSource", "eventName", "sourceIPAddress",
                "recipientAccountId", "awsRegion", "errorCode", "errorMessage", "Title", "Description", "AwsAccountId",
                "Region", "ProductName", "src_ip", "dst_ip", "dst_port", "src_hostname", "dst_hostname", "count")) {
            every.put(key, longest);
        }
        every.put("created_by", java.util.Map.of("user", java.util.Map.of("username", longest)));
        every.put("action", java.util.Map.of("src_ip", longest, "api_method", longest, "api_endpoint", longest));
        every.put("userIdentity", java.util.Map.of("arn", longest));
        every.put("Severity", java.util.Map.of("Label", longest));
        every.put("Resources", List.of(java.util.Map.of("Id", longest)));
        every.put("Compliance", java.util.Map.of("Status", longest));
        every.put("Workflow", java.util.Map.of("Status", longest));
        String detail = JSON.writeValueAsString(every);
        String token = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
        try (SlackEmulator slack = new SlackEmulator(token)) {
            SlackSink sink = SlackSinkTest.sink(java.util.Map.of("name", "secops", "token", token, "channel", "#secops",
                    "api_url", slack.apiUrl().toString()));
            for (String source : List.of("pce", "cloudtrail", "securityhub", "illumio-flow", "json")) {
                Event event = Event.builder().id(longest).source(source).instance("prod").type(longest)
                        .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.HIGH)
                        .detail(JSON.readTree(detail)).raw(detail).build();
                String body = SinkTemplates.of(SlackSink.class).withUserTemplates(userTemplates)
                .withDelivery("secops-alerts", "secops", "key-1").render(event, Severity.HIGH);
                sink.send(new dev.herald.api.Notification(event, "secops-alerts", "secops", Severity.HIGH, body, 1, "k"));
            }
            assertEquals(List.of(), slack.refused());
            assertEquals(5, slack.accepted().size());
            for (JsonNode message : slack.accepted()) {
                message.path("blocks").forEach(block -> block.findValues("text").forEach(text -> {
                    if (text.isTextual()) {
                        assertFalse(text.asText().matches("(?s).*&(?!(amp|lt|gt);).*"),
                                "an entity cut in half: " + text.asText());
                    }
                }));
            }
        }
    }

    @Test
    void hostileContentStaysInsideItsStringsAndCannotMentionOrLink() throws Exception {
        String detail = JSON.writeValueAsString(java.util.Map.of("event_type", HOSTILE, "status", HOSTILE,
                "eventName", HOSTILE, "Title", HOSTILE, "Description", HOSTILE, "src_hostname", HOSTILE, "proto", HOSTILE));
        for (String source : List.of("pce", "cloudtrail", "securityhub", "illumio-flow", "json")) {
            JsonNode m = render(source, HOSTILE, detail, Severity.HIGH);
            assertTrue(m.path("text").asText().contains(HOSTILE_MRKDWN.substring(0, 40)), m.path("text").asText());
            m.path("blocks").forEach(block -> {
                if (block.path("type").asText().equals("header")) {
                    return;
                }
                String text = block.toString();
                assertFalse(text.contains("<!channel>") || text.contains("<script>") || text.contains("<https://"), text);
            });
        }
        JsonNode pce = render("pce", HOSTILE, detail, Severity.HIGH);
        assertTrue(fields(pce).contains("*Status*\n" + HOSTILE_MRKDWN), fields(pce).toString());
        assertTrue(fields(pce).contains("*API*\n-"), fields(pce).toString());
    }
}
