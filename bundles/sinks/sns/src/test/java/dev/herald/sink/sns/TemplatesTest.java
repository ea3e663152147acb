package dev.herald.sink.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.DemoRecords;
import dev.herald.testkit.sink.SinkTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default templates (format json and text) rendered by Herald's own engine on the demo records
 * and on hostile content, published through the sink to the emulated SNS: every body is the
 * {subject, message} shape, SNS accepts every subject, and the JSON message keeps the record intact.
 */
class TemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\"quoted\" \\ back\nnew line </script><script>alert(1)</script>"
            + " {{ raw }} {% if %} & \u0001\u001f \u00e9 \ud83d\udea8";

    private final SnsEmulator sns = new SnsEmulator();
    private final SnsSink sink = SnsSinkTest.sink(SnsSinkTest.config(sns.endpoint(), SnsEmulator.TOPIC));

    @AfterEach
    void stop() {
        sink.close();
        sns.close();
    }

    private static Event event(String source, String type, JsonNode detail) {
        return Event.builder().id("ev-1").source(source).instance("prod").type(type)
                .time(Instant.parse("2026-11-22T10:58:04Z")).severity(Severity.HIGH)
                .detail(detail).raw(detail.toString()).build();
    }

    /** Renders with the format's templates, publishes, and returns what SNS accepted. */
    private SnsEmulator.Published publish(Event event, String format) throws Exception {
        String body = SinkTemplates.of(SnsSink.class).withFormat(format)
                .withDelivery("route", "alerts", "ev-1@route/alerts").render(event, Severity.CRITICAL);
        JsonNode parsed = JSON.readTree(body);
        assertEquals(List.of("subject", "message"), List.copyOf(iterable(parsed.fieldNames())), body);
        int before = sns.published().size();
        sink.send(new Notification(event, "route", "alerts", Severity.CRITICAL, body, 1, "ev-1@route/alerts"));
        assertEquals(List.of(), sns.rejections());
        assertEquals(before + 1, sns.published().size());
        return sns.published().get(before);
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void jsonMessagesCarryHeraldsEnvelopeAndTheRecordForEveryKind() throws Exception {
        Map<String, JsonNode> records = Map.of("cloudtrail", DemoRecords.cloudTrailRecord(0),
                "securityhub", DemoRecords.securityHubFinding(0), "pce", DemoRecords.pceAuditEvent(0),
                "json", JSON.readTree("{\"anything\": [1, 2]}"));
        for (Map.Entry<String, JsonNode> r : records.entrySet()) {
            SnsEmulator.Published p = publish(event(r.getKey(), "Type", r.getValue()), "json");
            JsonNode message = JSON.readTree(p.message());
            assertEquals(r.getValue(), message.get("record"), r.getKey());
            assertEquals("ev-1", message.at("/herald/id").asText());
            assertEquals(r.getKey(), message.at("/herald/source").asText());
            assertEquals("ev-1@route/alerts", message.at("/herald/idempotencyKey").asText());
            assertTrue(p.subject().startsWith("[CRITICAL] "), p.subject());
        }
    }

    @Test
    void subjectsNameWhatHappened() throws Exception {
        assertEquals("[CRITICAL] AWS ConsoleLogin by arn:aws:iam::123456789012:user/alice (123456789012 "
                + DemoRecords.cloudTrailRecord(0).get("awsRegion").asText() + ")",
                publish(event("cloudtrail", "ConsoleLogin", DemoRecords.cloudTrailRecord(0)), "json").subject());
        assertTrue(publish(event("securityhub", "Finding", DemoRecords.securityHubFinding(0)), "json").subject()
                .contains(DemoRecords.securityHubFinding(0).get("Title").asText().substring(0, 20)));
        assertEquals("[CRITICAL] Illumio user.sign_in success by maria.lopez@corp.example.com (pce.corp.example.com)",
                publish(event("pce", "user.sign_in", DemoRecords.pceAuditEvent(0)), "json").subject());
    }

    @Test
    void textMessagesAreReadable() throws Exception {
        String cloudTrail = publish(event("cloudtrail", "ConsoleLogin", DemoRecords.cloudTrailRecord(0)), "text")
                .message();
        assertTrue(cloudTrail.startsWith("CRITICAL: AWS ConsoleLogin") && cloudTrail.contains("\nBy: arn:aws:iam::"
                + "123456789012:user/alice\n"), cloudTrail);
        String finding = publish(event("securityhub", "Finding", DemoRecords.securityHubFinding(0)), "text").message();
        assertTrue(finding.contains("\nAccount: " + DemoRecords.securityHubFinding(0).get("AwsAccountId").asText()),
                finding);
        String pce = publish(event("pce", "user.sign_in", DemoRecords.pceAuditEvent(0)), "text").message();
        assertTrue(pce.contains("\nBy: maria.lopez@corp.example.com\n"), pce);
        String other = publish(event("json", "Type", JSON.readTree("{\"a\": 1}")), "text").message();
        assertTrue(other.contains("{\"a\":1}"), other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text"})
    void hostileContentStaysInsideTheMessageAndTheSubjectStaysValid(String format) throws Exception {
        ObjectNode cloudTrail = DemoRecords.cloudTrailRecord(0);
        cloudTrail.put("eventName", HOSTILE);
        cloudTrail.with("userIdentity").put("arn", HOSTILE);
        ObjectNode asff = DemoRecords.securityHubFinding(0);
        asff.put("Title", HOSTILE).put("Description", HOSTILE);
        ObjectNode pce = DemoRecords.pceAuditEvent(0);
        pce.put("event_type", HOSTILE);
        ObjectNode other = JSON.createObjectNode().put("x", HOSTILE);

        for (Event e : List.of(event("cloudtrail", HOSTILE, cloudTrail), event("securityhub", HOSTILE, asff),
                event("pce", HOSTILE, pce), event("json", HOSTILE, other))) {
            SnsEmulator.Published p = publish(e, format);
            assertTrue(p.subject().chars().allMatch(c -> c >= 0x20 && c < 0x7f) && p.subject().length() < 100,
                    p.subject());
            if (format.equals("json")) {
                assertEquals(e.detail(), JSON.readTree(p.message()).get("record"));
                assertEquals(HOSTILE, JSON.readTree(p.message()).at("/herald/type").asText());
            } else {
                assertTrue(p.message().contains("</script><script>alert(1)</script> {{ raw }}"), p.message());
            }
        }
    }

    @Test
    void rendersADigestWithItsCountAndExamplesInEitherFormat() throws Exception {
        SinkTemplates.of(SnsSink.class).assertRendersDigest();
        SinkTemplates.of(SnsSink.class).withFormat("text").assertRendersDigest();
    }
}
