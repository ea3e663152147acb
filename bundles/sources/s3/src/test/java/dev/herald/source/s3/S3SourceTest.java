package dev.herald.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.api.source.PollHealth;
import dev.herald.aws.AwsClients;
import dev.herald.source.s3.testing.S3Mock;
import dev.herald.testkit.Await;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.journal.MemoryJournal;
import dev.herald.testkit.source.SourceContractTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The S3 source against a real S3-compatible server (S3Mock) and a real SQS-compatible one (ElasticMQ). */
class S3SourceTest {
    private static final String CLOUDTRAIL = "AWSLogs/123456789012/CloudTrail/eu-west-1/2026/11/";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path store;
    private static S3Mock s3mock;
    private static SQSRestServer elasticmq;
    private static String sqsEndpoint;
    private static AwsClients s3Clients;
    private static AwsClients sqsClients;
    private static S3Client s3;
    private static SqsClient sqs;

    private final MemoryJournal journal = new MemoryJournal();

    @BeforeAll
    static void start() throws Exception {
        int sqsPort = S3Mock.freePort();
        elasticmq = SQSRestServerBuilder.withPort(sqsPort).withInterface("127.0.0.1").start();
        elasticmq.waitUntilStarted();
        sqsEndpoint = "http://127.0.0.1:" + sqsPort;
        s3mock = S3Mock.start(store);
        s3Clients = TestConfig.clients(TestConfig.properties(s3mock.endpoint()));
        s3 = s3Clients.client(S3Client.builder().forcePathStyle(true));
        sqsClients = TestConfig.clients(TestConfig.properties(sqsEndpoint));
        sqs = sqsClients.client(SqsClient.builder());
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3Clients != null) {
            s3Clients.close();
            sqsClients.close();
        }
        if (elasticmq != null) {
            elasticmq.stopAndWait();
        }
        if (s3mock != null) {
            s3mock.close();
        }
    }

    @Test
    void cloudTrailAndIllumioObjectsFlowInKeyOrder() {
        String bucket = bucket();
        put(bucket, CLOUDTRAIL + "02/123456789012_CloudTrail_eu-west-1_20261102T0005Z_b.json.gz", gzip(fixture("cloudtrail-123456789012.json")));
        put(bucket, CLOUDTRAIL + "01/123456789012_CloudTrail_eu-west-1_20261101T2355Z_a.json.gz", gzip(fixture("cloudtrail-123456789012.json")));
        put(bucket, "AWSLogs/123456789012/CloudTrail-Digest/eu-west-1/2026/11/01/digest.json.gz", gzip("{\"digestEndTime\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        put(bucket, "illumio/auditable_events/2026/11/03/events-0001.jsonl.gz", gzip(fixture("pce-audit-events.jsonl")));
        put(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));
        put(bucket, "notes.txt", "not a log".getBytes(StandardCharsets.UTF_8));

        poller(bucket).poll();

        Map<String, Long> bySource = journal.events().stream().collect(Collectors.groupingBy(Event::source, Collectors.counting()));
        assertEquals(Map.of("cloudtrail", 20L, "pce", 11L, "illumio-flow", 7L), bySource);
        assertEquals(List.of(CLOUDTRAIL + "01/123456789012_CloudTrail_eu-west-1_20261101T2355Z_a.json.gz",
                CLOUDTRAIL + "02/123456789012_CloudTrail_eu-west-1_20261102T0005Z_b.json.gz",
                "illumio/auditable_events/2026/11/03/events-0001.jsonl.gz",
                "illumio/summaries/2026/11/03/flows-0001.jsonl.gz", "notes.txt"), listingPositions());
        assertEquals(Map.of(BucketPoller.LISTING, "notes.txt"), journal.checkpoints("s3"));
        assertEquals(List.of("s3://" + bucket + "/illumio/summaries/2026/11/03/flows-0001.jsonl.gz:6"),
                journal.quarantined().stream().map(MemoryJournal.Quarantined::location).toList(),
                "the fixture's line 6 is cut short");
        assertTrue(journal.events().stream().allMatch(e -> e.instance().equals("s3")));
    }

    @Test
    void restartResumesAfterTheListingCheckpointWithoutDuplicates() {
        String bucket = bucket();
        put(bucket, "illumio/auditable_events/2026/11/03/events-0001.jsonl.gz", gzip(fixture("pce-audit-events.jsonl")));
        poller(bucket).poll();
        assertEquals(11, journal.events().size());

        poller(bucket).poll();
        assertEquals(11, journal.events().size(), "nothing is read twice after a restart");

        put(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl", fixture("illumio-flows.jsonl"));
        poller(bucket).poll();
        assertEquals(18, journal.events().size());
        assertEquals(18, journal.events().stream().map(Event::id).distinct().count());
    }

    @Test
    void aReplacedObjectIsReadAgainAndPositionsOfCompleteObjectsAreForgotten() throws Exception {
        String bucket = bucket();
        String key = "illumio/summaries/2026/11/03/flows-0001.jsonl";
        put(bucket, key, fixture("illumio-flows.jsonl"));
        journal.append("s3", List.of(), new Checkpoint(key,
                new ObjectPosition(5, "\"an older version\"", false).encode()));
        journal.append("s3", List.of(), new Checkpoint("illumio/auditable_events/old.jsonl",
                new ObjectPosition(5, "\"e\"", false).encode()));
        journal.append("s3", List.of(), new Checkpoint(BucketPoller.LISTING, "illumio/b"));

        poller(bucket).poll();

        assertEquals(7, journal.events().size(), "read from its start: the ETag differs");
        assertEquals(Map.of(BucketPoller.LISTING, key), journal.checkpoints("s3"));
    }

    @Test
    void startAfterSkipsOlderKeysOnTheFirstRun() {
        String bucket = bucket();
        put(bucket, CLOUDTRAIL + "01/a.json.gz", gzip(fixture("cloudtrail-123456789012.json")));
        put(bucket, CLOUDTRAIL + "02/b.json.gz", gzip(fixture("cloudtrail-123456789012.json")));

        poller(bucket, "start_after", CLOUDTRAIL + "02/").poll();

        assertEquals(List.of(CLOUDTRAIL + "02/b.json.gz"), listingPositions());
        assertEquals(10, journal.events().size());
    }

    @Test
    void aCrashMidObjectResumesAtTheCommittedPosition() {
        String bucket = bucket();
        String key = CLOUDTRAIL + "01/a.json.gz";
        put(bucket, key, gzip(fixture("cloudtrail-123456789012.json")));
        journal.refuseAfter(1);

        poller(bucket, "batch_size", 4).poll();

        assertEquals(4, journal.events().size());
        ObjectPosition committed = ObjectPosition.decode(journal.checkpoints("s3").get(key)).orElseThrow();
        assertEquals(4, committed.through());
        assertNull(journal.checkpoints("s3").get(BucketPoller.LISTING), "the listing does not pass an incomplete object");

        journal.refuseAfter(-1);
        poller(bucket, "batch_size", 4).poll();

        assertEquals(10, journal.events().size());
        assertEquals(10, journal.events().stream().map(Event::id).distinct().count(), "no duplicates");
        assertEquals(Map.of(BucketPoller.LISTING, key), journal.checkpoints("s3"));
    }

    @Test
    void truncatedGzipMalformedLineAndNonJsonObjectAreQuarantinedWhileTheRestFlows() {
        String bucket = bucket();
        byte[] events = gzip(fixture("pce-audit-events.jsonl"));
        put(bucket, "logs/1-truncated.jsonl.gz", Arrays.copyOf(events, events.length / 2));
        String[] lines = new String(fixture("pce-audit-events.jsonl"), StandardCharsets.UTF_8).split("\n");
        lines[2] = "{\"href\": truncated";
        put(bucket, "logs/2-malformed.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        put(bucket, "logs/3-error-page.json", "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        put(bucket, "logs/4-flows.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));

        poller(bucket).poll();

        List<MemoryJournal.Quarantined> quarantined = journal.quarantined();
        assertEquals(4, quarantined.size(), quarantined.toString());
        assertTrue(quarantined.get(0).location().startsWith("s3://" + bucket + "/logs/1-truncated.jsonl.gz:"));
        assertTrue(quarantined.get(0).reason().contains("gzip"), quarantined.get(0).reason());
        assertEquals("s3://" + bucket + "/logs/2-malformed.jsonl:3", quarantined.get(1).location());
        assertEquals("s3://" + bucket + "/logs/3-error-page.json:1", quarantined.get(2).location());
        assertTrue(quarantined.get(2).reason().contains("not JSON"), quarantined.get(2).reason());
        assertEquals("s3://" + bucket + "/logs/4-flows.jsonl.gz:6", quarantined.get(3).location());
        long pce = journal.events().stream().filter(e -> e.source().equals("pce")).count();
        assertTrue(pce >= 10 && pce < 21, "the malformed object's 10 good lines and the truncated one's first lines: " + pce);
        assertEquals(7, journal.events().stream().filter(e -> e.source().equals("illumio-flow")).count());
        assertEquals(Map.of(BucketPoller.LISTING, "logs/4-flows.jsonl.gz"), journal.checkpoints("s3"));
    }

    @Test
    void anyBadRecordIsQuarantinedInPollModeAndTheObjectsAfterItFlow() {
        String bucket = bucket();
        put(bucket, "logs/1-bad.jsonl", badRecords());
        put(bucket, "logs/2-flows.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));

        poller(bucket, "max_record_bytes", 1024).poll();

        assertBadRecordsQuarantined("s3://" + bucket + "/logs/1-bad.jsonl");
        assertEquals(7 + 1, journal.events().size(), "the flows and the good line of the bad object");
        assertEquals(Map.of(BucketPoller.LISTING, "logs/2-flows.jsonl.gz"), journal.checkpoints("s3"));
    }

    @Test
    void anyBadRecordIsQuarantinedInSqsModeAndTheMessageIsDone() {
        String bucket = bucket();
        String queue = queue();
        put(bucket, "logs/1-bad.jsonl", badRecords());
        send(queue, s3Event(bucket, "logs/1-bad.jsonl"));
        S3SourceSettings settings = TestConfig.settings(TestConfig.properties(s3mock.endpoint(), "mode", "sqs",
                "bucket", bucket, "queue_url", queue, "wait_time", 0, "visibility_extension", 1, "max_record_bytes", 1024));
        QueueListener listener = new QueueListener(settings, journal, s3, sqs, () -> false, HeraldKinds.all().recognizer());

        await(() -> {
            listener.receive();
            return messages(queue) == 0;
        });

        assertBadRecordsQuarantined("s3://" + bucket + "/logs/1-bad.jsonl");
        assertEquals(1, journal.events().size());
    }

    /** The record (an epoch out of range), one longer than 1024 bytes, one not UTF-8, and a good one. */
    private static byte[] badRecords() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"time\":\"9999999999999999999\",\"msg\":\"x\"}\n{\"blob\":\"" + "x".repeat(2000) + "\"}\n"
                + "{\"user\":\"Ren").getBytes(StandardCharsets.UTF_8));
        out.write(0xC3); // the first byte of a two-byte character, alone
        out.writeBytes("\"}\n{\"type\":\"good\",\"time\":\"2026-11-22T10:00:00Z\"}\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void assertBadRecordsQuarantined(String object) {
        List<MemoryJournal.Quarantined> q = journal.quarantined().stream()
                .filter(r -> r.location().startsWith(object + ":")).toList();
        assertEquals(List.of(object + ":1", object + ":2", object + ":3"),
                q.stream().map(MemoryJournal.Quarantined::location).toList());
        assertTrue(q.get(0).reason().contains("out of range"), q.get(0).reason());
        assertTrue(q.get(1).reason().startsWith("too large (2011 bytes)"), q.get(1).reason());
        assertTrue(q.get(2).reason().startsWith("not UTF-8"), q.get(2).reason());
        assertEquals(List.of(true, false, false), q.stream().map(MemoryJournal.Quarantined::whole).toList(),
                "only the record read whole can be retried");
        assertTrue(journal.events().stream().anyMatch(e -> e.type().equals("good")));
    }

    @Test
    void aMissingBucketIsReportedAsAProblemUntilItExists() {
        String bucket = bucket();
        s3.deleteBucket(b -> b.bucket(bucket));

        poller(bucket).poll();
        assertNotNull(journal.problem("s3"));
        assertTrue(journal.problem("s3").contains("NoSuchBucket"), journal.problem("s3"));

        s3.createBucket(b -> b.bucket(bucket));
        poller(bucket).poll();
        assertNull(journal.problem("s3"));
    }

    @Test
    void accessDeniedIsReportedAsAProblemNamingThePermission() throws Exception {
        try (StubHttpServer denying = StubHttpServer.http()) {
            denying.respond(request -> StubHttpServer.Reply.status(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>",
                    "Content-Type", "application/xml"));
            Map<String, Object> properties = TestConfig.properties("http://127.0.0.1:" + denying.port(), "bucket", "logs");
            try (AwsClients clients = TestConfig.clients(properties)) {
                new BucketPoller(TestConfig.settings(properties), journal,
                        clients.client(S3Client.builder().forcePathStyle(true)), () -> false, HeraldKinds.all().recognizer()).poll();
            }
        }
        assertNotNull(journal.problem("s3"));
        assertTrue(journal.problem("s3").contains("AccessDenied") && journal.problem("s3").contains("s3:ListBucket"),
                journal.problem("s3"));
    }

    @Test
    void aFailingS3IsAskedAgainAfterAPauseThatDoublesAndARefusalAfterFiveMinutes() throws Exception {
        try (StubHttpServer failing = StubHttpServer.http()) {
            failing.respond(request -> StubHttpServer.Reply.status(503, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>",
                    "Content-Type", "application/xml"));
            Map<String, Object> properties = TestConfig.properties("http://127.0.0.1:" + failing.port(), "bucket", "logs",
                    "poll_interval", 10, "retry_mode", "legacy");
            try (AwsClients clients = TestConfig.clients(properties)) {
                BucketPoller poller = new BucketPoller(TestConfig.settings(properties), journal,
                        clients.client(S3Client.builder().forcePathStyle(true)), () -> false, HeraldKinds.all().recognizer());
                assertEquals(Duration.ofSeconds(10), poller.poll());
                assertEquals(Duration.ofSeconds(20), poller.poll(), "the pause doubles while S3 fails");
                assertTrue(journal.problem("s3").contains("ServiceUnavailable"), journal.problem("s3"));
            }
        }
        String bucket = bucket();
        s3.deleteBucket(b -> b.bucket(bucket));
        assertEquals(PollHealth.REFUSED_RETRY, poller(bucket).poll(), "a missing bucket needs someone to act");
    }

    @Test
    void sqsNotificationsDirectThroughSnsAndEventBridgeAreReadAndDeletedAfterCommit() {
        String bucket = bucket();
        String queue = queue();
        put(bucket, "illumio/auditable_events/2026/11/03/events 0001.jsonl.gz", gzip(fixture("pce-audit-events.jsonl")));
        put(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));
        put(bucket, CLOUDTRAIL + "01/a.json.gz", gzip(fixture("cloudtrail-123456789012.json")));
        send(queue, s3Event(bucket, "illumio/auditable_events/2026/11/03/events+0001.jsonl.gz"));
        send(queue, "{\"Type\":\"Notification\",\"MessageId\":\"m1\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\","
                + "\"Message\":" + quoted(s3Event(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz")) + "}");
        send(queue, "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":"
                + "{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"" + CLOUDTRAIL + "01/a.json.gz\",\"size\":1}}}");
        send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + bucket + "\"}");
        send(queue, "this is not a notification");

        QueueListener listener = listener(bucket, queue);
        await(() -> {
            listener.receive();
            return messages(queue) == 0;
        });

        Map<String, Long> bySource = journal.events().stream().collect(Collectors.groupingBy(Event::source, Collectors.counting()));
        assertEquals(Map.of("pce", 11L, "illumio-flow", 7L, "cloudtrail", 10L), bySource);
        List<MemoryJournal.Quarantined> messages = journal.quarantined().stream()
                .filter(q -> q.location().startsWith(queue + " message ")).toList();
        assertEquals(1, messages.size(), journal.quarantined().toString());
        assertEquals("this is not a notification", messages.get(0).content());
        assertTrue(journal.checkpoints("s3").isEmpty(), journal.checkpoints("s3").toString());
    }

    @Test
    void aMessageStaysInTheQueueWhileTheJournalRefusesAndComesBack() {
        String bucket = bucket();
        String queue = queue();
        put(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));
        send(queue, s3Event(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz"));
        QueueListener listener = listener(bucket, queue);
        journal.refuseNext(Integer.MAX_VALUE);

        await(() -> {
            listener.receive();
            return journal.appends().isEmpty() && messages(queue) == 1;
        });

        journal.refuseNext(0);
        await(() -> {
            listener.receive();
            return messages(queue) == 0;
        });
        assertEquals(7, journal.events().size());
    }

    @Test
    void theComponentPollsTheBucketOnItsOwnThread() {
        String bucket = bucket();
        put(bucket, "illumio/summaries/2026/11/03/flows-0001.jsonl.gz", gzip(fixture("illumio-flows.jsonl")));
        Map<String, Object> properties = TestConfig.properties(s3mock.endpoint(), "bucket", bucket, "poll_interval", 1);
        S3Source source = new S3Source(TestConfig.config(properties), TestConfig.connection(properties), journal, HeraldKinds.all());
        try {
            await(() -> journal.events().size() == 7);
        } finally {
            source.stop();
        }
    }

    /** The source contract, for poll mode against S3Mock: one object per unit of input. */
    @Nested
    class Contract extends SourceContractTest {
        private final String bucket = bucket();
        private final BucketPoller poller = new BucketPoller(TestConfig.settings(TestConfig.properties(
                s3mock.endpoint(), "bucket", bucket, "batch_size", 2)), journal, s3, () -> false, HeraldKinds.all().recognizer());
        private final Map<String, byte[]> removed = new TreeMap<>();
        private int objects;

        @Override
        protected String instance() {
            return "s3";
        }

        /** An Illumio PCE audit event: its href is its id. */
        @Override
        protected String record(int n) {
            return "{\"href\":\"" + id(n) + "\",\"event_type\":\"user.sign_in\",\"timestamp\":\"2026-11-03T11:00:00Z\"}";
        }

        @Override
        protected String id(int n) {
            return "/orgs/1/events/contract-" + n;
        }

        @Override
        protected void offer(List<String> records) {
            put(bucket, "unit-" + ++objects + ".jsonl", String.join("\n", records).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected void poll() {
            poller.poll();
        }

        /** The bucket is deleted (its objects kept aside). */
        @Override
        protected void breakInput() {
            for (S3Object object : s3.listObjectsV2(l -> l.bucket(bucket)).contents()) {
                removed.put(object.key(), s3.getObjectAsBytes(g -> g.bucket(bucket).key(object.key())).asByteArray());
                s3.deleteObject(d -> d.bucket(bucket).key(object.key()));
            }
            s3.deleteBucket(b -> b.bucket(bucket));
        }

        @Override
        protected void repairInput() {
            s3.createBucket(b -> b.bucket(bucket));
            removed.forEach((key, content) -> put(bucket, key, content));
        }
    }

    @Test
    void aQuarantinedRecordIsReadAgainWithTheInstancesCurrentSettings() throws Exception {
        String record = "{\"type\":\"blob\",\"blob\":\"" + "x".repeat(2000) + "\"}";
        Map<String, Object> properties = TestConfig.properties(s3mock.endpoint(), "bucket", bucket(), "poll_interval", 60,
                "max_record_bytes", 1024);
        S3Source small = new S3Source(TestConfig.config(properties), TestConfig.connection(properties), journal, HeraldKinds.all());
        try {
            RecordException e = assertThrows(RecordException.class, () -> small.reread("s3://b/k:2", record));
            assertTrue(e.getMessage().startsWith("too large (" + record.length() + " bytes)"), e.getMessage());
        } finally {
            small.stop();
        }
        properties.put("max_record_bytes", 4096);
        S3Source raised = new S3Source(TestConfig.config(properties), TestConfig.connection(properties), journal, HeraldKinds.all());
        try {
            List<Event> events = raised.reread("s3://b/k:2", record);
            assertEquals(1, events.size());
            assertEquals("blob", events.get(0).type());
            assertEquals("s3://b/k:2", events.get(0).id(), "no id of its own: its location");
            assertEquals(record, events.get(0).raw());
        } finally {
            raised.stop();
        }
    }

    private BucketPoller poller(String bucket, Object... more) {
        Object[] all = Arrays.copyOf(new Object[] {"bucket", bucket}, 2 + more.length);
        System.arraycopy(more, 0, all, 2, more.length);
        return new BucketPoller(TestConfig.settings(TestConfig.properties(s3mock.endpoint(), all)), journal, s3,
                () -> false, HeraldKinds.all().recognizer());
    }

    private QueueListener listener(String bucket, String queue) {
        S3SourceSettings settings = TestConfig.settings(TestConfig.properties(s3mock.endpoint(), "mode", "sqs",
                "bucket", bucket, "queue_url", queue, "wait_time", 0, "visibility_extension", 1));
        return new QueueListener(settings, journal, s3, sqs, () -> false, HeraldKinds.all().recognizer());
    }

    private List<String> listingPositions() {
        return journal.appends().stream().filter(a -> a.next() != null && a.next().stream().equals(BucketPoller.LISTING))
                .map(a -> a.next().position()).toList();
    }

    private static String bucket() {
        String bucket = "logs-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static String queue() {
        return sqs.createQueue(q -> q.queueName("herald-" + BUCKETS.incrementAndGet())).queueUrl();
    }

    private static void put(String bucket, String key, byte[] content) {
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    private static void send(String queue, String body) {
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody(body));
    }

    /** Messages in the queue, visible or being processed. */
    private static int messages(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(a -> a.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static String s3Event(String bucket, String encodedKey) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + encodedKey + "\",\"size\":1}}}]}";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(15), condition);
    }

    static byte[] fixture(String name) {
        try (InputStream in = S3SourceTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
