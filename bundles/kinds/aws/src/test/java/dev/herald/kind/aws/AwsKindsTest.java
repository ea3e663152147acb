package dev.herald.kind.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.record.RecordSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS kinds (CloudTrail records, Security Hub findings) as a source recognises them. */
class AwsKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordRecognizer recognizer = RecordKinds.of(new SecurityHubKind(), new CloudTrailKind()).recognizer();

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
        String file = new String(fixture("securityhub-findings.json"), StandardCharsets.UTF_8);
        JsonNode envelope = JSON.readTree(file);
        assertEquals("securityhub", recognizer.kind(envelope));

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
    void timesOutOfRangeAreBadInputNotACrash() {
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
    void aCloudTrailSummarySaysWhoCalledWhatWhereAndHowItEnded() throws Exception {
        ObjectNode record = cloudTrail("GetObject").put("awsRegion", "eu-west-1").put("errorCode", "AccessDenied")
                .put("recipientAccountId", "123456789012");
        ((ObjectNode) record.get("userIdentity")).put("arn", "arn:aws:iam::123456789012:user/alice");
        record.putArray("resources").addObject().put("ARN", "arn:aws:s3:::reports/q3.pdf");
        assertEquals(new RecordSummary("GetObject by arn:aws:iam::123456789012:user/alice",
                "arn:aws:iam::123456789012:user/alice", "arn:aws:s3:::reports/q3.pdf", "123456789012", "eu-west-1",
                "AccessDenied", "https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/"
                        + "0f1e2d3c-4b5a-4697-8877-665544332211"), new CloudTrailKind().summary(only(record)));

        ObjectNode login = cloudTrail("ConsoleLogin");
        login.putObject("responseElements").put("ConsoleLogin", "Failure");
        RecordSummary failed = new CloudTrailKind().summary(only(login));
        assertEquals("ConsoleLogin by alice", failed.title());
        assertEquals("Failure", failed.outcome());
        assertEquals("ec2.amazonaws.com", failed.target(), "no resources: the service called");
        assertNull(failed.link(), "no region, no console");
    }

    @Test
    void anAsffSummaryIsTheFindingsTitleResourceAndComplianceWithALinkToTheConsole() throws Exception {
        ObjectNode finding = asff().put("ProductName", "Security Hub").put("Region", "eu-west-1");
        finding.putArray("Resources").addObject().put("Type", "AwsAccount").put("Id", "AWS::::Account:123456789012");
        RecordSummary s = new SecurityHubKind().summary(only(finding));
        assertEquals("Hardware MFA should be enabled for the root user", s.title());
        assertEquals("Security Hub", s.actor());
        assertEquals("AWS::::Account:123456789012", s.target());
        assertEquals("123456789012", s.account());
        assertEquals("eu-west-1", s.region());
        assertEquals("FAILED", s.outcome());
        assertEquals("https://eu-west-1.console.aws.amazon.com/securityhub/home?region=eu-west-1#/findings?search="
                + "Id%3D%5Coperator%5C%3AEQUALS%5C%3Aarn%3Aaws%3Asecurityhub%3Aeu-west-1%3A123456789012"
                + "%3Asecurity-control%2FIAM.6%2Ffinding%2F5e1a", s.link());
    }

    @Test
    void anOcsfSummaryReadsTheOcsfFields() throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("detail-type", "Findings Imported V2");
        ObjectNode finding = envelope.putObject("detail").putArray("findings").addObject();
        finding.putObject("finding_info").put("uid", "f-1").put("title", "Port 22 open to the world")
                .put("modified_time_dt", "2026-11-22T11:59:58.001Z").put("src_url", "https://console.example/f-1");
        finding.putObject("cloud").put("region", "eu-west-1").putObject("account").put("uid", "123456789012");
        finding.putObject("metadata").putObject("product").put("name", "Security Hub");
        finding.putArray("resources").addObject().put("uid", "sg-0a7d3c9e51b2f4e68");
        finding.putObject("compliance").put("status", "Fail");
        assertEquals(new RecordSummary("Port 22 open to the world", "Security Hub", "sg-0a7d3c9e51b2f4e68",
                "123456789012", "eu-west-1", "Fail", "https://console.example/f-1"),
                new SecurityHubKind().summary(only(envelope)));
    }

    @Test
    void aSummaryOfAnEventWhoseDetailSaysNothingStillHasATitle() {
        Event bare = Event.builder().id("x").source("cloudtrail").instance("i").type("t")
                .detail(JSON.createObjectNode()).raw("{}").build();
        assertEquals("t", new CloudTrailKind().summary(bare).title());
        assertEquals("t", new SecurityHubKind().summary(bare.toBuilder().source("securityhub").build()).title());
    }

    // ---- helpers

    private Event only(JsonNode record) throws RecordException {
        return only(recognizer.events(record, record.toString(), "test", "test.jsonl:1"));
    }

    private static Event only(List<Event> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = AwsKindsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static List<RecordEntry.Parsed> records(String fixture) throws IOException {
        List<RecordEntry.Parsed> records = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(fixture(fixture)))) {
            for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                records.add(assertInstanceOf(RecordEntry.Parsed.class, e));
            }
        }
        return records;
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
