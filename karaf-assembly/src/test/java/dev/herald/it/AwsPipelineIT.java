package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.admin.QuarantineView;
import dev.herald.it.VendorEmulator.Answer;
import dev.herald.it.VendorEmulator.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Issue 4 end to end on the real distribution: CloudTrail log objects and an Illumio audit export
 * in S3 (S3Mock), announced by S3 event notifications in SQS (ElasticMQ), and Security Hub findings
 * pushed to Herald's EventBridge endpoint over HTTPS, flow through routes to a real rsyslogd over TLS and to
 * an SNS endpoint that checks the Query protocol and the signature's scope. Every expected message
 * arrives exactly once, the malformed inputs are quarantined with bucket, key and line, and each
 * notification leaves the queue only after its objects are committed.
 */
public class AwsPipelineIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String BUCKET = "it-trail";
    private static final String ACCOUNT = "123456789012";
    private static final String TOPIC = "arn:aws:sns:us-east-1:" + ACCOUNT + ":it-alerts";
    private static final String PUSH_SECRET = "it-push-secret-5f1e";
    private static final Pattern SD_ID = Pattern.compile("id=\"([^\"]+)\"");
    private static final int HTTPS_PORT = 18443;

    /** What the SNS endpoint accepted: Herald's event id of each published message. */
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());

    @Override
    protected Option[] moreOptions() throws Exception {
        List<Option> options = new ArrayList<>();
        Map<String, String> peers = AwsPeers.start();
        peers.forEach((key, value) -> options.add(systemProperty(key).value(value)));
        // the push endpoint over HTTPS, as EventBridge API destinations require (README: Security Hub)
        for (String[] setting : new String[][] {
                {"org.osgi.service.http.secure.enabled", "true"},
                {"org.osgi.service.http.port.secure", Integer.toString(HTTPS_PORT)},
                {"org.ops4j.pax.web.ssl.keystore", peers.get("it.https.keystore")},
                {"org.ops4j.pax.web.ssl.keystore.type", "PKCS12"},
                {"org.ops4j.pax.web.ssl.keystore.password", AwsPeers.KEYSTORE_PASSWORD},
                {"org.ops4j.pax.web.ssl.key.password", AwsPeers.KEYSTORE_PASSWORD},
                {"org.ops4j.pax.web.ssl.key.alias", "herald"}}) {
            options.add(editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", setting[0], setting[1]));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void s3ObjectsAndPushedFindingsReachSyslogOverTlsAndSnsExactlyOnce() throws Exception {
        String s3 = System.getProperty("it.s3.endpoint");
        String sqs = System.getProperty("it.sqs.endpoint");
        for (String feature : List.of("herald-source-s3", "herald-source-securityhub", "herald-sink-syslog",
                "herald-sink-sns")) {
            features.installFeature(feature);
        }
        VendorEmulator sns = new VendorEmulator(this::sns);
        AwsCalls.createBucket(s3, BUCKET);
        String queue = AwsCalls.createQueue(sqs, "it-trail-objects");

        configure("dev.herald.sink.syslog", "it-siem", Map.of("name", "it-siem", "host", "localhost",
                "port", Integer.getInteger("it.syslog.port"), "transport", "tls",
                "ca_bundle", System.getProperty("it.syslog.ca"), "format", "json"));
        configure("dev.herald.sink.sns", "it-sns", Map.of("name", "it-sns", "topic_arn", TOPIC,
                "endpoint", sns.url(), "credentials", "static", "access_key_id", AwsCalls.ACCESS_KEY,
                "secret_access_key", AwsCalls.SECRET_KEY));
        configure("dev.herald.route", "it-s3-to-siem", Map.of("name", "it-s3-to-siem",
                "pattern", "{\"instance\":[\"it-s3\"]}", "sinks", new String[] {"it-siem"}));
        configure("dev.herald.route", "it-findings", Map.of("name", "it-findings",
                "pattern", "{\"instance\":[\"it-push\"]}", "sinks", new String[] {"it-siem", "it-sns"}));
        Map<String, Object> source = new HashMap<>(Map.of("name", "it-s3", "mode", "sqs", "bucket", BUCKET,
                "queue_url", queue, "endpoint", s3, "sqs_endpoint", sqs, "path_style", true,
                "region", AwsCalls.REGION, "credentials", "static", "access_key_id", AwsCalls.ACCESS_KEY));
        source.put("secret_access_key", AwsCalls.SECRET_KEY);
        source.put("wait_time", 1);
        configure("dev.herald.source.s3", "it-s3", source);
        configure("dev.herald.source.securityhub", "it-push", Map.of("name", "it-push", "mode", "push",
                "path", "/herald/securityhub/it-push", "header_secret", PUSH_SECRET));

        // three CloudTrail files, an Illumio audit export with one malformed line, a truncated file
        Set<String> expected = new java.util.TreeSet<>();
        String day = "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2026/11/23/";
        for (int file = 0; file < 3; file++) {
            ArrayNode records = JSON.createArrayNode();
            for (int i = 0; i < 5; i++) {
                ObjectNode record = cloudTrailRecord();
                expected.add(record.get("eventID").asText());
                records.add(record);
            }
            ObjectNode content = JSON.createObjectNode();
            content.set("Records", records);
            announce(s3, sqs, queue, day + ACCOUNT + "_CloudTrail_us-east-1_20261123T10" + file + "0Z_it.json.gz",
                    gzip(content.toString()));
        }
        StringBuilder audit = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                audit.append("{\"href\": \"/orgs/1/events/broken\", \"event_type\": \n");
                continue;
            }
            String href = "/orgs/1/events/" + UUID.randomUUID();
            expected.add(href);
            audit.append(JSON.createObjectNode().put("href", href).put("event_type", "user.sign_in")
                    .put("timestamp", Instant.now().toString()).put("status", "success").put("severity", "info")
                    .put("pce_fqdn", "pce.it.example")).append('\n');
        }
        String auditKey = "illumio/auditable_events/2026/11/23/audit-0001.jsonl.gz";
        announce(s3, sqs, queue, auditKey, gzip(audit.toString()));
        byte[] whole = gzip("{\"Records\":[" + cloudTrailRecord() + "," + cloudTrailRecord() + "]}");
        String truncatedKey = day + ACCOUNT + "_CloudTrail_us-east-1_20261123T1100Z_cut.json.gz";
        announce(s3, sqs, queue, truncatedKey, Arrays.copyOf(whole, whole.length / 2));

        // findings pushed by an EventBridge API destination, after a refused and a wrong delivery
        ObjectNode envelope = findingsEnvelope();
        String url = "https://localhost:" + HTTPS_PORT + "/herald/securityhub/it-push";
        Await.until(WAIT, () -> post(url, PUSH_SECRET, "{}") != 404, () -> "the push endpoint is not registered");
        assertEquals("plain HTTP is refused without allow_plain_http", 403,
                post("http://localhost:18181/herald/securityhub/it-push", PUSH_SECRET, envelope.toString())); // HeraldDistribution's HTTP port
        assertEquals(401, post(url, "wrong-secret", envelope.toString()));
        assertTrue(post(url, PUSH_SECRET, "{\"detail-type\":\"EC2 Instance State-change Notification\"}") / 100 == 4);
        assertEquals(200, post(url, PUSH_SECRET, envelope.toString()) / 100 * 100);
        List<String> findingIds = new ArrayList<>();
        envelope.at("/detail/findings").forEach(f -> findingIds.add(f.get("Id").asText()));

        Await.until(WAIT, () -> syslogIds().containsAll(expected) && syslogIds().size() >= expected.size() + 2
                        && published.size() >= 2,
                () -> "syslog has " + syslogIds().size() + " of " + (expected.size() + 2) + " (missing "
                        + missing(expected) + "), SNS " + published + "; sources " + herald.sources());

        List<String> received = syslogIds();
        for (String id : expected) {
            assertEquals("syslog received " + id + " once", 1, Collections.frequency(received, id));
        }
        assertEquals("each finding once in syslog: " + received, 2, received.stream()
                .filter(id -> findingIds.stream().anyMatch(id::contains)).count());
        assertEquals("each finding once on SNS: " + published, 2, published.size());
        assertTrue(published.toString(), findingIds.stream().allMatch(f -> published.stream().anyMatch(p -> p.contains(f))));

        List<QuarantineView> quarantined = herald.quarantine("it-s3", 20);
        assertTrue("the malformed line is quarantined with bucket, key and line: " + quarantined,
                quarantined.stream().anyMatch(q -> q.location().contains(BUCKET) && q.location().contains(auditKey)
                        && q.location().contains("4")));
        assertTrue("the truncated object is quarantined: " + quarantined,
                quarantined.stream().anyMatch(q -> q.location().contains(truncatedKey)));
        Await.until(WAIT, () -> AwsCalls.queueDepth(sqs, queue) == 0,
                () -> "the notifications are still queued: " + AwsCalls.queueDepth(sqs, queue));
    }

    private static ObjectNode cloudTrailRecord() {
        ObjectNode record = JSON.createObjectNode().put("eventVersion", "1.08");
        record.putObject("userIdentity").put("type", "IAMUser").put("principalId", "AIDAITEXAMPLE")
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/alice").put("accountId", ACCOUNT).put("userName", "alice");
        record.put("eventTime", Instant.now().toString()).put("eventSource", "iam.amazonaws.com")
                .put("eventName", "CreateAccessKey").put("awsRegion", "us-east-1")
                .put("sourceIPAddress", "198.51.100.7").put("userAgent", "aws-cli/2.15.0");
        record.putObject("requestParameters").put("userName", "bob");
        record.put("eventID", UUID.randomUUID().toString()).put("readOnly", false).put("eventType", "AwsApiCall")
                .put("recipientAccountId", ACCOUNT).put("eventCategory", "Management");
        return record;
    }

    private static ObjectNode findingsEnvelope() {
        ObjectNode envelope = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Security Hub Findings - Imported").put("source", "aws.securityhub")
                .put("account", ACCOUNT).put("time", Instant.now().toString()).put("region", "us-east-1");
        envelope.putArray("resources");
        ArrayNode findings = envelope.putObject("detail").putArray("findings");
        for (String severity : List.of("HIGH", "CRITICAL")) {
            String id = "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/" + UUID.randomUUID();
            ObjectNode f = findings.addObject().put("SchemaVersion", "2018-10-08").put("Id", id)
                    .put("ProductArn", "arn:aws:securityhub:us-east-1::product/aws/securityhub")
                    .put("ProductName", "Security Hub").put("GeneratorId", "security-control/S3.8")
                    .put("AwsAccountId", ACCOUNT).put("CreatedAt", "2026-11-23T09:00:00.000Z")
                    .put("UpdatedAt", Instant.now().toString()).put("Title", "S3 general purpose buckets should block public access")
                    .put("Description", "This control checks whether an S3 bucket blocks public access.")
                    .put("RecordState", "ACTIVE");
            f.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");
            f.putObject("Severity").put("Label", severity);
            f.putArray("Resources").addObject().put("Type", "AwsS3Bucket").put("Id", "arn:aws:s3:::it-public")
                    .put("Region", "us-east-1");
            f.putObject("Compliance").put("Status", "FAILED");
            f.putObject("Workflow").put("Status", "NEW");
        }
        return envelope;
    }

    /** Puts the object in S3 and its S3 event notification in the queue. */
    private static void announce(String s3, String sqs, String queue, String key, byte[] content) {
        AwsCalls.putObject(s3, BUCKET, key, content);
        ObjectNode notification = JSON.createObjectNode();
        ObjectNode record = notification.putArray("Records").addObject().put("eventVersion", "2.1")
                .put("eventSource", "aws:s3").put("awsRegion", "us-east-1").put("eventTime", Instant.now().toString())
                .put("eventName", "ObjectCreated:Put");
        ObjectNode s3Entity = record.putObject("s3").put("s3SchemaVersion", "1.0");
        s3Entity.putObject("bucket").put("name", BUCKET).put("arn", "arn:aws:s3:::" + BUCKET);
        s3Entity.putObject("object").put("key", key).put("size", content.length).put("sequencer", "0A1B2C3D4E5F678901");
        AwsCalls.sendMessage(sqs, queue, notification.toString());
    }

    private Answer sns(Request r) {
        Map<String, String> form = VendorEmulator.formFields(r.body());
        String auth = r.header("Authorization");
        if (auth == null || !auth.contains("Credential=" + AwsCalls.ACCESS_KEY + "/") || !auth.contains("/us-east-1/sns/aws4_request")
                || !"2010-03-31".equals(form.get("Version")) || !TOPIC.equals(form.get("TopicArn"))) {
            return new Answer(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code>"
                    + "<Message>refused by the emulator: " + form + "</Message></Error><RequestId>e</RequestId></ErrorResponse>",
                    Map.of("Content-Type", "text/xml"));
        }
        StringBuilder answer = new StringBuilder();
        if ("Publish".equals(form.get("Action"))) {
            published.add(heraldId(form.get("Message")));
            answer.append("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>")
                    .append(UUID.randomUUID()).append("</MessageId></PublishResult></PublishResponse>");
        } else {
            answer.append("<PublishBatchResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishBatchResult><Successful>");
            for (int n = 1; form.containsKey("PublishBatchRequestEntries.member." + n + ".Id"); n++) {
                published.add(heraldId(form.get("PublishBatchRequestEntries.member." + n + ".Message")));
                answer.append("<member><Id>").append(form.get("PublishBatchRequestEntries.member." + n + ".Id"))
                        .append("</Id><MessageId>").append(UUID.randomUUID()).append("</MessageId></member>");
            }
            answer.append("</Successful><Failed/></PublishBatchResult></PublishBatchResponse>");
        }
        return new Answer(200, answer.toString(), Map.of("Content-Type", "text/xml"));
    }

    private static String heraldId(String message) {
        try {
            return JSON.readTree(message).at("/herald/id").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("an SNS message that is not Herald's JSON: " + message, e);
        }
    }

    /** Herald's event id of every message rsyslog parsed, from the RFC 5424 structured data. */
    private static List<String> syslogIds() {
        Path output = Path.of(System.getProperty("it.syslog.output"));
        if (!Files.exists(output)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(output)) {
            return lines.map(AwsPipelineIT::structuredData).map(SD_ID::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError("cannot read what rsyslog received: " + e, e);
        }
    }

    private static String structuredData(String line) {
        try {
            return JSON.readTree(line).path("structured-data").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static Set<String> missing(Set<String> expected) {
        Set<String> missing = new java.util.TreeSet<>(expected);
        missing.removeAll(syslogIds());
        return missing;
    }

    private static int post(String url, String secret, String body) {
        try {
            return HttpClient.newBuilder().sslContext(trustingKarafsCertificate()).build().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("x-herald-token", secret)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot POST to " + url + ": " + e, e);
        }
    }

    /** Trusts the self-signed certificate of Karaf's HTTPS connector, and nothing else; host names are checked. */
    private static SSLContext trustingKarafsCertificate() {
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("it.https.keystore")))) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, AwsPeers.KEYSTORE_PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keystore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read the HTTPS keystore: " + e, e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
