package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordRecognizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordRecognizer recognizer = new RecordRecognizer();

    @Test
    void pceAuditEventsAreIdentifiedByHrefAndRatedByTheirSeverityWordAndStatus() throws Exception {
        List<Event> events = new ArrayList<>();
        for (RecordEntry.Parsed r : records("pce-audit-events.jsonl")) {
            assertEquals(RecordKind.PCE, RecordRecognizer.kind(r.json()));
            List<Event> one = recognizer.events(r.json(), r.text(), "pce-prod", "pce-audit-events.jsonl:" + r.number());
            assertEquals(1, one.size());
            assertEquals(r.text(), one.get(0).raw());
            events.addAll(one);
        }
        assertEquals(11, events.size());
        Event first = events.get(0);
        assertEquals("/orgs/7/events/0b6f1c9e-3d2a-4f58-9e61-7a4c2d8b1f03", first.id());
        assertEquals("pce", first.source());
        assertEquals("pce-prod", first.instance());
        assertEquals("user.sign_in", first.type());
        assertEquals(Instant.parse("2026-11-03T08:02:11.482Z"), first.time());
        assertEquals(Severity.INFO, first.severity());
        assertEquals("198.51.100.24", first.detail().path("action").path("src_ip").asText());

        Map<String, Severity> byType = new LinkedHashMap<>();
        events.forEach(e -> byType.merge(e.type(), e.severity(), Severity::atLeast));
        assertEquals(Severity.MEDIUM, byType.get("user.login_failed"), "warning");
        assertEquals(Severity.MEDIUM, byType.get("request.authentication_failed"));
        assertEquals(Severity.HIGH, byType.get("agent.tampering"), "err");
        assertEquals(Severity.INFO, byType.get("sec_policy.create"));
    }

    @Test
    void aFailedPceEventIsAtLeastLow() throws Exception {
        ObjectNode event = pceEvent();
        event.put("severity", "info").put("status", "failure");
        assertEquals(Severity.LOW, only(event).severity());
        event.remove("severity");
        assertEquals(Severity.LOW, only(event).severity());
        event.put("status", "success");
        assertEquals(Severity.INFO, only(event).severity());
    }

    @Test
    void aPceEventWithABadTimestampIsBadInput() throws Exception {
        ObjectNode event = pceEvent();
        event.put("timestamp", "03/11/2026 08:41");
        RecordException e = assertThrows(RecordException.class, () -> only(event));
        assertEquals("PCE audit event has malformed timestamp '03/11/2026 08:41': expected ISO-8601", e.getMessage());
    }

    @Test
    void cloudTrailRecordsAreRatedByTheDocumentedRules() throws Exception {
        Map<String, Severity> expected = new LinkedHashMap<>();
        expected.put("3c9e1f52-7a4b-4d08-9e6c-1b2d5f8a0e41", Severity.LOW);    // ConsoleLogin success
        expected.put("4dae2063-8b5c-4e19-af7d-2c3e6a9b1f52", Severity.MEDIUM); // ConsoleLogin failure
        expected.put("5ebf3174-9c6d-4f2a-b08e-3d4f7bac2063", Severity.HIGH);   // root ConsoleLogin
        expected.put("6fc04285-ad7e-403b-81af-4e5a8cbd3174", Severity.HIGH);   // CreateUser
        expected.put("70d15396-be8f-414c-92b0-5f6b9dce4285", Severity.HIGH);   // CreateAccessKey
        expected.put("81e264a7-cf90-425d-a3c1-6a7cadef5396", Severity.HIGH);   // StopLogging
        expected.put("92f375b8-d0a1-436e-b4d2-7b8dbef064a7", Severity.HIGH);   // AuthorizeSecurityGroupIngress
        expected.put("a30486c9-e1b2-447f-85e3-8c9ecf0175b8", Severity.INFO);   // DescribeInstances, read-only
        expected.put("b41597da-f2c3-4580-96f4-9dafd01286c9", Severity.MEDIUM); // GetObject AccessDenied
        expected.put("c526a8eb-03d4-4691-a705-aeb0e123970d", Severity.LOW);    // RunInstances

        Map<String, Severity> actual = new LinkedHashMap<>();
        for (RecordEntry.Parsed r : records("cloudtrail-123456789012.json")) {
            Event e = only(recognizer.events(r.json(), r.text(), "org-trail", "x:" + r.number()));
            assertEquals("cloudtrail", e.source());
            assertEquals(r.json().path("eventName").asText(), e.type());
            assertEquals(Instant.parse(r.json().path("eventTime").asText()), e.time());
            actual.put(e.id(), e.severity());
        }
        assertEquals(expected, actual);
    }

    @Test
    void deniedEc2CallsAndDeniedSensitiveCallsAreRatedToo() throws Exception {
        ObjectNode record = cloudTrail("DescribeSnapshots");
        record.put("readOnly", true).put("errorCode", "Client.UnauthorizedOperation");
        assertEquals(Severity.MEDIUM, CloudTrailSeverity.of(record));
        record.put("eventName", "DeleteTrail").put("readOnly", false).put("errorCode", "AccessDenied");
        assertEquals(Severity.HIGH, CloudTrailSeverity.of(record));
    }

    @Test
    void aCloudTrailRecordWithoutEventTimeIsBadInput() {
        ObjectNode record = cloudTrail("PutObject");
        record.remove("eventTime");
        RecordException e = assertThrows(RecordException.class, () -> only(record));
        assertEquals("CloudTrail record has no eventTime: expected an ISO-8601 timestamp", e.getMessage());
    }

    @Test
    void aSecurityHubEventBridgeEventYieldsOneEventPerFindingWithThatFindingsText() throws Exception {
        String file = new String(RecordReaderTest.fixture("securityhub-findings.json"), StandardCharsets.UTF_8);
        JsonNode envelope = JSON.readTree(file);
        assertEquals(RecordKind.SECURITYHUB, RecordRecognizer.kind(envelope));

        List<Event> events = recognizer.events(envelope, file, "hub", "securityhub-findings.json:1");

        assertEquals(5, events.size());
        assertEquals(List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO),
                events.stream().map(Event::severity).toList());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            JsonNode finding = envelope.path("detail").path("findings").get(i);
            assertEquals("securityhub", e.source());
            assertEquals(finding.path("Id").asText() + "@" + Instant.parse(finding.path("UpdatedAt").asText()), e.id());
            assertEquals(finding.path("Types").get(0).asText(), e.type());
            assertEquals(finding, e.detail());
            assertTrue(file.contains(e.raw()), "raw must be the finding's original text");
            assertEquals(finding, JSON.readTree(e.raw()));
        }
        assertEquals("PASSED", events.get(4).detail().path("Compliance").path("Status").asText());
    }

    @Test
    void anAsffFindingWithAMalformedOrMissingTimestampIsBadInputNotACrash() throws Exception {
        ObjectNode finding = asff();
        finding.put("UpdatedAt", "2026-13-40");
        RecordException malformed = assertThrows(RecordException.class, () -> only(finding));
        assertEquals("ASFF finding has malformed UpdatedAt '2026-13-40': expected ISO-8601", malformed.getMessage());

        finding.remove("UpdatedAt");
        RecordException missing = assertThrows(RecordException.class, () -> only(finding));
        assertEquals("ASFF finding has no UpdatedAt: expected an ISO-8601 timestamp", missing.getMessage());

        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Security Hub Findings - Imported");
        envelope.putObject("detail").putArray("findings").add(asff()).add(finding);
        RecordException inEnvelope = assertThrows(RecordException.class,
                () -> recognizer.events(envelope, envelope.toString(), "hub", null));
        assertEquals("finding 2 of 2: ASFF finding has no UpdatedAt: expected an ISO-8601 timestamp",
                inEnvelope.getMessage());
    }

    @Test
    void asffAcceptsTheTimestampFormsSecurityHubAllows() throws Exception {
        ObjectNode finding = asff();
        finding.put("UpdatedAt", "2026-11-22T11:25:10.123456789+0100");
        assertEquals(Instant.parse("2026-11-22T10:25:10.123456789Z"), only(finding).time());
        finding.put("UpdatedAt", "2026-11-22T11:25:10+01:00");
        assertEquals("arn:aws:securityhub:eu-west-1:123456789012:security-control/IAM.6/finding/5e1a@2026-11-22T10:25:10Z",
                only(finding).id());
    }

    @Test
    void aBareAsffFindingFallsBackToTheNormalizedSeverityAndAGenericType() throws Exception {
        ObjectNode finding = asff();
        finding.remove("Types");
        finding.putObject("Severity").put("Normalized", 75);
        Event e = only(finding);
        assertEquals("Finding", e.type());
        assertEquals(Severity.HIGH, e.severity());
        assertEquals(finding.toString(), e.raw());
    }

    @Test
    void anEnvelopeWithoutFindingsIsBadInput() {
        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Security Hub Findings - Imported");
        envelope.putObject("detail").putArray("findings");
        RecordException e = assertThrows(RecordException.class, () -> only(envelope));
        assertEquals("EventBridge event 'Security Hub Findings - Imported' has no findings in detail.findings", e.getMessage());
    }

    @Test
    void ocsfFindingsFromFindingsImportedV2() throws Exception {
        String raw = """
                {"version":"0","id":"0d1c2b3a-4e5f-6a7b-8c9d-0e1f2a3b4c5d","detail-type":"Findings Imported V2",
                 "source":"aws.securityhub","account":"123456789012","time":"2026-11-22T12:00:03Z","region":"eu-west-1",
                 "resources":[],"detail":{"findings":[
                 {"activity_id":1,"activity_name":"Create","category_name":"Findings","category_uid":2,
                  "class_name":"Compliance Finding","class_uid":2003,
                  "cloud":{"account":{"uid":"123456789012","type":"AWS Account"},"provider":"AWS","region":"eu-west-1"},
                  "compliance":{"control":"EC2.19","status":"Fail","status_id":3,"standards":["standards/aws-foundational-security-best-practices/v/1.0.0"]},
                  "finding_info":{"uid":"arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/finding/7a2b",
                    "title":"Security groups should not allow unrestricted access to ports with high risk",
                    "types":["Software and Configuration Checks/Industry and Regulatory Standards"],
                    "created_time_dt":"2026-11-22T10:16:49.512Z","modified_time_dt":"2026-11-22T11:59:58.001Z"},
                  "metadata":{"product":{"name":"Security Hub","vendor_name":"AWS"},"version":"1.5.0"},
                  "resources":[{"type":"AWS::EC2::SecurityGroup","uid":"sg-0a7d3c9e51b2f4e68","region":"eu-west-1"}],
                  "severity":"High","severity_id":4,"status":"New","status_id":1,
                  "time":1795343998001,"time_dt":"2026-11-22T11:59:58.001Z","type_uid":200301},
                 {"class_name":"Detection Finding","class_uid":2004,
                  "finding_info":{"uid":"gd-2ac9f1e07b3d4c58","modified_time":1795345083204},
                  "severity_id":5,"time":1795343892716}
                 ]}}""";
        JsonNode envelope = JSON.readTree(raw);

        List<Event> events = recognizer.events(envelope, raw, "hub-v2", null);

        assertEquals(2, events.size());
        Event compliance = events.get(0);
        assertEquals("arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/finding/7a2b@2026-11-22T11:59:58.001Z",
                compliance.id());
        assertEquals("Software and Configuration Checks/Industry and Regulatory Standards", compliance.type());
        assertEquals(Severity.HIGH, compliance.severity());
        assertEquals("securityhub", compliance.source());
        assertTrue(compliance.raw().startsWith("{\"activity_id\":1") && raw.contains(compliance.raw()), compliance.raw());
        Event detection = events.get(1);
        assertEquals("gd-2ac9f1e07b3d4c58@" + Instant.ofEpochMilli(1795345083204L), detection.id());
        assertEquals("Detection Finding", detection.type());
        assertEquals(Severity.CRITICAL, detection.severity());
    }

    @Test
    void anOcsfFindingWithAMalformedTimeIsBadInput() throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Findings Imported V2");
        ObjectNode finding = envelope.putObject("detail").putArray("findings").addObject();
        finding.putObject("finding_info").put("uid", "f-1").put("modified_time_dt", "yesterday");
        RecordException e = assertThrows(RecordException.class, () -> only(envelope));
        assertEquals("OCSF finding has malformed finding_info.modified_time_dt 'yesterday': expected ISO-8601", e.getMessage());
    }

    @Test
    void eventsOfAReadEntrySayTheirRawTextIsTheTextTheirDetailWasParsedFrom() throws Exception {
        String line = "{ \"src_ip\": \"10.0.0.1\", \"dst_ip\": \"10.0.0.2\", \"dst_port\": 3389, \"pd\": 2,"
                + " \"timestamp\": \"2026-11-03T09:10:00Z\" }";
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))) {
            Event e = recognizer.events(reader.next(), "flows", "flows.jsonl:1").get(0);
            assertTrue(e.rawIsDetailText());
            assertEquals(line, e.raw());
            assertEquals(JSON.readTree(line), e.detail());
        }
        ObjectNode finding = asff();
        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Security Hub Findings - Imported");
        envelope.putObject("detail").putArray("findings").add(finding);
        String text = envelope.toString();
        Event one = recognizer.events(new RecordEntry.Parsed(1, text, JSON.readTree(text)), "hub", null).get(0);
        assertFalse(one.rawIsDetailText(), "a finding cut out of an envelope is not the envelope's text");
        assertEquals(finding, one.detail());
    }

    @Test
    void illumioFlowSummariesUseTheFallbackIdAndThePolicyDecision() throws Exception {
        List<Event> events = new ArrayList<>();
        int malformed = 0;
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(RecordReaderTest.fixture("illumio-flows.jsonl")))) {
            for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry instanceof RecordEntry.Parsed r) {
                    events.addAll(recognizer.events(r.json(), r.text(), "flows", "illumio-flows.jsonl:" + r.number()));
                } else {
                    malformed++;
                }
            }
        }
        assertEquals(1, malformed, "the demo file has one line cut short");
        assertEquals(List.of("flow.allowed", "flow.allowed", "flow.blocked", "flow.potentially_blocked", "flow.blocked",
                "flow.allowed", "flow.unknown"), events.stream().map(Event::type).toList());
        assertEquals(List.of(Severity.INFO, Severity.INFO, Severity.LOW, Severity.LOW, Severity.LOW, Severity.INFO,
                Severity.INFO), events.stream().map(Event::severity).toList());
        assertEquals("illumio-flows.jsonl:1", events.get(0).id());
        assertEquals("illumio-flows.jsonl:7", events.get(5).id());
        assertEquals("illumio-flow", events.get(0).source());
        assertEquals(Instant.parse("2026-11-03T09:10:00Z"), events.get(0).time());
    }

    @Test
    void otherJsonIsReadThroughTheConfiguredPointers() throws Exception {
        RecordRecognizer custom = new RecordRecognizer(new JsonPointers(JsonPointers.parse("id_pointer", "/meta/uid"),
                JsonPointers.parse("type_pointer", "/kind"), JsonPointers.parse("time_pointer", "/meta/ts"),
                JsonPointers.parse("severity_pointer", "/level")));
        JsonNode full = JSON.readTree("{\"meta\":{\"uid\":\"u-1\",\"ts\":1795343998},\"kind\":\"vpn.login\",\"level\":\"WARNING\"}");
        Event e = only(custom.events(full, full.toString(), "vpn", "vpn.jsonl:3"));
        assertEquals("json", e.source());
        assertEquals("u-1", e.id());
        assertEquals("vpn.login", e.type());
        assertEquals(Instant.ofEpochSecond(1795343998), e.time());
        assertEquals(Severity.MEDIUM, e.severity());

        JsonNode bare = JSON.readTree("{\"meta\":{\"ts\":\"2026-11-22T12:00:00+01:00\"},\"level\":\"chatty\"}");
        Event fallback = only(custom.events(bare, bare.toString(), "vpn", "vpn.jsonl:4"));
        assertEquals("vpn.jsonl:4", fallback.id());
        assertEquals(Instant.parse("2026-11-22T11:00:00Z"), fallback.time());
        assertEquals(Severity.INFO, fallback.severity());
        assertEquals("unknown", fallback.type());

        JsonNode millis = JSON.readTree("{\"meta\":{\"ts\":1795343998123}}");
        assertEquals(Instant.ofEpochMilli(1795343998123L), only(custom.events(millis, "", "vpn", "f:1")).time());

        JsonNode bad = JSON.readTree("{\"meta\":{\"ts\":\"last tuesday\"}}");
        RecordException e2 = assertThrows(RecordException.class, () -> custom.events(bad, bad.toString(), "vpn", "f:1"));
        assertTrue(e2.getMessage().startsWith("JSON record has malformed time at /meta/ts"), e2.getMessage());

        RecordException noId = assertThrows(RecordException.class, () -> custom.events(bare, bare.toString(), "vpn", null));
        assertEquals("JSON record has no id at /meta/uid and the source gave no fallback id", noId.getMessage());
    }

    @Test
    void aRecordThatIsNotAnObjectIsBadInput() throws Exception {
        RecordException e = assertThrows(RecordException.class, () -> only(JSON.readTree("[1,2]")));
        assertEquals("a record must be a JSON object, this is an array", e.getMessage());
        assertEquals(RecordKind.JSON, RecordRecognizer.kind(JSON.readTree("42")));
    }

    @Test
    void aPointerThatIsNotOneIsRejectedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.parse("time_pointer", "meta.ts"));
        assertTrue(e.getMessage().startsWith("time_pointer = 'meta.ts' is not a JSON pointer"), e.getMessage());
        assertEquals(null, JsonPointers.parse("id_pointer", " "));
    }

    @Test
    void epochAndTimestampValuesOutOfRangeAreBadInputNotACrash() throws Exception {
        for (String time : List.of("\"9999999999999999999\"", "9999999999999999999", "99999999999999999999999",
                "1e300", "1e400", "-9999999999999999", "9999999999999999", "\"+10000-01-01T00:00:00Z\"")) {
            JsonNode record = JSON.readTree("{\"time\":" + time + ",\"msg\":\"x\"}");
            RecordException e = assertThrows(RecordException.class, () -> only(record), time);
            assertTrue(e.getMessage().startsWith("JSON record has time at /time "), e.getMessage());
            assertTrue(e.getMessage().contains(time.startsWith("1e") ? (time.equals("1e400") ? "Infinity" : "1.0E300") : time.replace("\"", "")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("between the years 0000 and 9999"), e.getMessage());
        }
        JsonNode lastMilli = JSON.readTree("{\"time\":253402300799999}");
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"), only(lastMilli).time());

        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Findings Imported V2");
        ObjectNode finding = envelope.putObject("detail").putArray("findings").addObject();
        finding.putObject("finding_info").put("uid", "f-1").put("modified_time", 9_000_000_000_000_000L);
        RecordException ocsf = assertThrows(RecordException.class, () -> only(envelope));
        assertTrue(ocsf.getMessage().startsWith("OCSF finding has finding_info.modified_time 9000000000000000 out of"
                + " range"), ocsf.getMessage());

        ObjectNode trail = cloudTrail("ConsoleLogin").put("eventTime", "+999999999-12-31T23:59:59Z");
        RecordException ct = assertThrows(RecordException.class, () -> only(trail));
        assertTrue(ct.getMessage().startsWith("CloudTrail record has eventTime '+999999999-12-31T23:59:59Z' out of"
                + " range"), ct.getMessage());
    }

    @Test
    void anEntryOfTheReaderBecomesEventsOrARecordExceptionWhateverGoesWrong() throws Exception {
        RecordEntry good = new RecordEntry.Parsed(1, "{\"type\":\"t\"}", JSON.readTree("{\"type\":\"t\"}"));
        assertEquals("f:1", only(recognizer.events(good, "files", "f:1")).id());

        RecordEntry malformed = new RecordEntry.Malformed(2, "{x", "not JSON: Unexpected character");
        assertEquals("not JSON: Unexpected character",
                assertThrows(RecordException.class, () -> recognizer.events(malformed, "files", "f:2")).getMessage());

        // a failure no mapper foresaw (here the builder's own check) is still the record's, not the source's
        RecordException bug = assertThrows(RecordException.class, () -> recognizer.events(good, " ", "f:1"));
        assertEquals("cannot be turned into an event: java.lang.IllegalArgumentException: an event needs a non-empty"
                + " instance", bug.getMessage());
    }

    // ---- helpers

    private Event only(JsonNode record) throws RecordException {
        return only(recognizer.events(record, record.toString(), "test", "test.jsonl:1"));
    }

    private static Event only(List<Event> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private static List<RecordEntry.Parsed> records(String fixture) throws IOException {
        List<RecordEntry.Parsed> records = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(RecordReaderTest.fixture(fixture)))) {
            for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                records.add(assertInstanceOf(RecordEntry.Parsed.class, e));
            }
        }
        return records;
    }

    private static ObjectNode pceEvent() throws IOException {
        return (ObjectNode) JSON.readTree("{\"href\":\"/orgs/7/events/4ab7b6d5-af8c-4e43-9c51-c6d9e3f7a85a\","
                + "\"timestamp\":\"2026-11-03T08:42:30.391Z\",\"pce_fqdn\":\"pce.corp.example.com\","
                + "\"created_by\":{\"system\":{}},\"event_type\":\"request.authentication_failed\","
                + "\"status\":\"failure\",\"severity\":\"warning\",\"version\":2}");
    }

    private static ObjectNode cloudTrail(String eventName) {
        ObjectNode r = JSON.createObjectNode().put("eventVersion", "1.10").put("eventTime", "2026-11-22T10:00:00Z")
                .put("eventSource", "ec2.amazonaws.com").put("eventName", eventName)
                .put("eventID", "0f1e2d3c-4b5a-4697-8877-665544332211").put("readOnly", false);
        r.putObject("userIdentity").put("type", "IAMUser").put("userName", "alice");
        return r;
    }

    private static ObjectNode asff() {
        ObjectNode f = JSON.createObjectNode().put("SchemaVersion", "2018-10-08")
                .put("Id", "arn:aws:securityhub:eu-west-1:123456789012:security-control/IAM.6/finding/5e1a")
                .put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/securityhub")
                .put("AwsAccountId", "123456789012")
                .put("CreatedAt", "2026-11-08T03:12:40.093Z").put("UpdatedAt", "2026-11-22T03:12:51.377Z")
                .put("Title", "Hardware MFA should be enabled for the root user");
        f.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");
        f.putObject("Severity").put("Label", "CRITICAL");
        f.putObject("Compliance").put("Status", "FAILED");
        return f;
    }
}
