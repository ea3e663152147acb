package dev.herald.source.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant UPDATED = Instant.parse("2026-11-22T10:16:49.512Z");
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final MemoryJournal journal = new MemoryJournal();
    private final PushHandler handler = new PushHandler(TestConfig.push("max_body_bytes", 4096).settings(), journal, HeraldKinds.all().recognizer());

    private static ObjectNode envelope(String detailType, JsonNode... findings) {
        ObjectNode event = JSON.createObjectNode().put("version", "0")
                .put("id", "8f2b6c1e-4d7a-3e95-b0c8-1a2d3e4f5a6b").put("detail-type", detailType)
                .put("source", "aws.securityhub").put("account", "123456789012")
                .put("time", "2026-11-22T10:58:04Z").put("region", "eu-west-1");
        event.putArray("resources");
        var array = event.putObject("detail").putArray("findings");
        for (JsonNode f : findings) {
            array.add(f);
        }
        return event;
    }

    private static ObjectNode asff(String id, String label) {
        return SecurityHubEmulator.finding("arn:aws:securityhub:eu-west-1:123456789012:security-control/" + id,
                UPDATED, label);
    }

    private static ObjectNode ocsf(String uid) {
        ObjectNode f = JSON.createObjectNode().put("class_name", "Detection Finding").put("class_uid", 2004)
                .put("category_name", "Findings").put("activity_id", 1).put("severity", "High")
                .put("severity_id", 4).put("status", "New").put("time", UPDATED.toEpochMilli())
                .put("time_dt", UPDATED.toString());
        f.putObject("finding_info").put("uid", uid).put("title", "Unusual API call from a Tor exit node")
                .put("modified_time_dt", UPDATED.toString()).putArray("types")
                .add("Unusual Behaviors/User/UnauthorizedAccess:IAMUser-TorIPCaller");
        f.putObject("metadata").put("version", "1.6.0").putObject("product").put("name", "GuardDuty");
        f.putObject("cloud").put("provider", "AWS").put("region", "eu-west-1");
        return f;
    }

    private PushHandler.Answer post(String secret, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return handler.handle(secret, contentType, bytes.length, new ByteArrayInputStream(bytes));
    }

    @Test
    void anAsffEnvelopeWithTwoFindingsIsCommittedAsTwoEventsBeforeThe200() throws Exception {
        ObjectNode critical = asff("EC2.19/finding/6d1f0a52", "CRITICAL");
        ObjectNode passed = asff("S3.8/finding/2a6dbe85", "INFORMATIONAL");
        passed.with("Compliance").put("Status", "PASSED");

        PushHandler.Answer answer = post(TestConfig.SECRET, JSON_TYPE,
                envelope(FindingEvents.ASFF_IMPORTED, critical, passed).toString());

        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, JSON.readTree(answer.body()).get("new").asInt());
        String criticalId = critical.get("Id").asText() + "@" + UPDATED;
        assertEquals(List.of(criticalId, passed.get("Id").asText() + "@" + UPDATED), journal.ids());
        Event event = journal.event(criticalId);
        assertEquals("securityhub", event.source());
        assertEquals("hub", event.instance());
        assertEquals(Severity.CRITICAL, event.severity());
        assertEquals(critical, event.detail());
        assertEquals(critical.toString(), event.raw());
        assertEquals("PASSED", journal.event(passed.get("Id").asText() + "@" + UPDATED).detail()
                .at("/Compliance/Status").asText());
        assertNull(journal.position(TestConfig.NAME), "push keeps no checkpoint");
    }

    @Test
    void aRepeatedDeliveryIsAcceptedAndKeptOnce() throws Exception {
        String body = envelope(FindingEvents.ASFF_IMPORTED, asff("EC2.19/finding/6d1f0a52", "HIGH")).toString();

        assertEquals(200, post(TestConfig.SECRET, JSON_TYPE, body).status());
        PushHandler.Answer again = post(TestConfig.SECRET, JSON_TYPE, body);

        assertEquals(200, again.status());
        assertEquals(0, JSON.readTree(again.body()).get("new").asInt());
        assertEquals(1, journal.ids().size());
    }

    @Test
    void ocsfFindingsImportedV2AreEventsToo() throws Exception {
        PushHandler.Answer answer = post(TestConfig.SECRET, "application/json",
                envelope(FindingEvents.OCSF_IMPORTED, ocsf("arn:aws:guardduty:eu-west-1:123456789012:detector/d1/"
                        + "finding/f1")).toString());

        assertEquals(200, answer.status(), answer.body());
        Event event = journal.event("arn:aws:guardduty:eu-west-1:123456789012:detector/d1/finding/f1@" + UPDATED);
        assertEquals("securityhub", event.source());
        assertEquals(Severity.HIGH, event.severity());
        assertEquals("Unusual Behaviors/User/UnauthorizedAccess:IAMUser-TorIPCaller", event.type());
    }

    @Test
    void aWrongOrMissingSecretIs401WithoutDetail() throws Exception {
        String body = envelope(FindingEvents.ASFF_IMPORTED, asff("EC2.19/finding/6d1f0a52", "HIGH")).toString();

        PushHandler.Answer wrong = post(TestConfig.SECRET + "x", JSON_TYPE, body);
        PushHandler.Answer missing = post(null, JSON_TYPE, body);

        assertEquals(401, wrong.status());
        assertEquals(401, missing.status());
        assertFalse(wrong.body().contains(TestConfig.SECRET), wrong.body());
        assertTrue(journal.ids().isEmpty());
    }

    @Test
    void anythingButASecurityHubFindingEventIs422SayingWhatWasExpected() throws Exception {
        ObjectNode other = JSON.createObjectNode().put("detail-type", "GuardDuty Finding").put("source", "aws.guardduty");
        other.putObject("detail").put("id", "x");

        PushHandler.Answer answer = post(TestConfig.SECRET, JSON_TYPE, other.toString());
        PushHandler.Answer empty = post(TestConfig.SECRET, JSON_TYPE, envelope(FindingEvents.ASFF_IMPORTED).toString());

        assertEquals(422, answer.status());
        assertTrue(answer.body().contains("Security Hub Findings - Imported"), answer.body());
        assertTrue(answer.body().contains("Findings Imported V2"), answer.body());
        assertEquals(422, empty.status());
        assertTrue(journal.ids().isEmpty());
    }

    @Test
    void theWrongMediaTypeIs415AndBrokenJsonIs400() throws Exception {
        assertEquals(415, post(TestConfig.SECRET, "text/plain", "{}").status());
        assertEquals(400, post(TestConfig.SECRET, JSON_TYPE, "{\"detail-type\":").status());
    }

    @Test
    void aBodyAboveTheLimitIs413WhateverItsDeclaredLength() throws Exception {
        byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertEquals(413, handler.handle(TestConfig.SECRET, JSON_TYPE, big.length, new ByteArrayInputStream(big))
                .status());
        assertEquals(413, handler.handle(TestConfig.SECRET, JSON_TYPE, -1, new ByteArrayInputStream(big)).status());
    }

    @Test
    void aJournalFailureIs503SoThatEventBridgeDeliversAgain() throws Exception {
        String body = envelope(FindingEvents.ASFF_IMPORTED, asff("EC2.19/finding/6d1f0a52", "HIGH")).toString();
        journal.refuseNext(1);

        PushHandler.Answer refused = post(TestConfig.SECRET, JSON_TYPE, body);
        PushHandler.Answer retried = post(TestConfig.SECRET, JSON_TYPE, body);

        assertEquals(503, refused.status());
        assertEquals(200, retried.status());
        assertEquals(1, journal.ids().size());
    }

    @Test
    void aPushedFindingsRawIsItsTextAsReceived() throws Exception {
        String first = "{ \"SchemaVersion\" : \"2018-10-08\",\n  \"Id\": \"arn:aws:securityhub:eu-west-1:123456789012:f/1\","
                + "\n  \"ProductArn\": \"arn:aws:securityhub:eu-west-1::product/aws/securityhub\","
                + " \"Title\": \"caf\\u00e9 \u00e9t\u00e9 \ud83d\udd12\", \"Score\": 1.50e0,"
                + " \"CreatedAt\": \"2026-11-22T10:16:49.512Z\", \"UpdatedAt\": \"2026-11-22T10:16:49.512Z\","
                + " \"Severity\": {\"Label\": \"HIGH\"}, \"Types\": [ ] }";
        String second = asff("EC2.19/finding/6d1f0a52", "LOW").toString();
        String body = "{\"version\":\"0\",\"id\":\"e-1\",\"detail\": {\"findings\": [\n  " + first + " ,\n  "
                + second + "\n]},\n \"detail-type\": \"Security Hub Findings - Imported\"}";

        assertEquals(200, post(TestConfig.SECRET, JSON_TYPE, body).status());

        assertEquals(List.of(first, second), journal.events().stream().map(Event::raw).toList());
    }

    @Test
    void aPushedOcsfFindingThatIsTheDetailKeepsItsTextAsReceived() throws Exception {
        String finding = ocsf("uid-7").toString().replace(",", " ,\n ");
        String body = "{\"detail-type\":\"" + FindingEvents.OCSF_IMPORTED + "\",\"detail\":" + finding + "}";

        assertEquals(200, post(TestConfig.SECRET, JSON_TYPE, body).status());

        assertEquals(List.of(finding), journal.events().stream().map(Event::raw).toList());
    }

    @Test
    void aBodyNamingAMemberTwiceIs400SinceItsFindingsWouldBeAmbiguous() throws Exception {
        String finding = asff("EC2.19/finding/6d1f0a52", "HIGH").toString();
        String body = "{\"detail-type\":\"" + FindingEvents.ASFF_IMPORTED + "\",\"detail\":{\"findings\":[" + finding
                + "]},\"detail\":{\"findings\":[" + finding.replace("HIGH", "LOW") + "]}}";

        PushHandler.Answer answer = post(TestConfig.SECRET, JSON_TYPE, body);

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Duplicate field 'detail'"), answer.body());
        assertTrue(journal.ids().isEmpty());
    }

    @Test
    void hostileFindingsAmongValidOnesAreQuarantinedAndTheOthersAreCommitted() throws Exception {
        ObjectNode good = asff("EC2.19/finding/6d1f0a52", "HIGH");
        ObjectNode epoch = asff("CloudTrail.2/finding/epoch", "MEDIUM").put("UpdatedAt", "9999999999999999999");
        ObjectNode noId = asff("CloudTrail.2/finding/noid", "MEDIUM").without("Id");
        ObjectNode other = asff("S3.8/finding/0e4b9c63", "LOW");

        PushHandler.Answer answer = post(TestConfig.SECRET, JSON_TYPE,
                envelope(FindingEvents.ASFF_IMPORTED, good, epoch, noId, other).toString());

        assertEquals(200, answer.status());
        assertEquals(2, JSON.readTree(answer.body()).get("quarantined").asInt());
        assertEquals(List.of(good.get("Id").asText() + "@" + UPDATED, other.get("Id").asText() + "@" + UPDATED),
                journal.ids());
        assertEquals(List.of(epoch.toString(), noId.toString()),
                journal.quarantined().stream().map(MemoryJournal.Quarantined::content).toList());
        assertTrue(journal.quarantined().get(1).location().contains("finding 3 of 4: (no id)"),
                journal.quarantined().get(1).location());
    }

    @Test
    void aFindingWithAMalformedTimestampIsQuarantinedAndTheOthersAreCommitted() throws Exception {
        ObjectNode good = asff("EC2.19/finding/6d1f0a52", "HIGH");
        ObjectNode bad = asff("CloudTrail.2/finding/0e4b9c63", "MEDIUM").put("UpdatedAt", "22/11/2026 10:16");

        PushHandler.Answer answer = post(TestConfig.SECRET, JSON_TYPE,
                envelope(FindingEvents.ASFF_IMPORTED, good, bad).toString());

        assertEquals(200, answer.status(), "delivering it again would not mend it");
        assertEquals(1, JSON.readTree(answer.body()).get("quarantined").asInt());
        assertEquals(List.of(good.get("Id").asText() + "@" + UPDATED), journal.ids());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertTrue(q.location().contains("finding 2 of 2"), q.location());
        assertTrue(q.location().contains("CloudTrail.2/finding/0e4b9c63"), q.location());
        assertTrue(q.reason().contains("UpdatedAt"), q.reason());
        assertEquals(bad.toString(), q.content());
    }
}
