package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.source.s3.testing.S3Mock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.Test;

/**
 * Pulling the plug on Herald in the middle of an S3 object loses nothing: the distribution runs as
 * an operator runs it ({@code bin/karaf server}), reads one large CloudTrail object from S3Mock
 * through a slow link, and is killed ({@code kill -9}) while the object is half read and its
 * events half delivered. Started again, it resumes the object at its last committed batch and
 * delivers every event; repeats are bounded by what was in flight.
 */
public class CrashRecoveryIT {
    private static final int RECORDS = 12_000;
    private static final int BATCH = 200;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void killingKarafMidObjectLosesNothing() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-");
        RecordingHttpServer receiver = new RecordingHttpServer();
        try (S3Mock s3 = S3Mock.start(Files.createDirectories(work.resolve("s3")));
             ThrottlingProxy slowS3 = new ThrottlingProxy(URI.create(s3.endpoint()).getPort(), 120_000)) {
            AwsCalls.createBucket(s3.endpoint(), "crash-trail");
            AwsCalls.putObject(s3.endpoint(), "crash-trail",
                    "AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/23/123456789012_CloudTrail_us-east-1_20261123T1200Z_big.json.gz",
                    bigCloudTrailFile());
            Path karaf = KarafProcess.unpack(work);
            configure(karaf, slowS3.url(), receiver.url("/crash"));

            Process first = KarafProcess.start(karaf, work.resolve("first.log"));
            Await.until(WAIT, () -> receiver.requests().size() >= 2_000,
                    () -> "before the crash: " + receiver.requests().size() + " delivered; " + KarafProcess.tail(work.resolve("first.log")));
            int beforeCrash = distinctIds(receiver);
            KarafProcess.kill(first);
            assertTrue("the crash must come mid-object: " + beforeCrash + " of " + RECORDS, beforeCrash < RECORDS);

            Process second = KarafProcess.start(karaf, work.resolve("second.log"));
            try {
                Await.until(WAIT, () -> distinctIds(receiver) == RECORDS,
                        () -> "after the restart: " + distinctIds(receiver) + " of " + RECORDS + " delivered");
            } finally {
                KarafProcess.kill(second);
            }
            int repeats = receiver.requests().size() - RECORDS;
            System.out.printf("killed after %d of %d events were delivered; %d repeats after the restart%n",
                    beforeCrash, RECORDS, repeats);
            assertTrue("repeats are bounded by the batches in flight, were " + repeats, repeats <= 5 * BATCH);
            assertEquals(RECORDS, distinctIds(receiver));
        }
    }

    private static byte[] bigCloudTrailFile() throws IOException {
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < RECORDS; i++) {
            ObjectNode record = records.addObject().put("eventVersion", "1.08");
            record.putObject("userIdentity").put("type", "AssumedRole").put("principalId", "AROAEXAMPLE:" + i)
                    .put("arn", "arn:aws:sts::123456789012:assumed-role/ci/" + UUID.randomUUID())
                    .put("accountId", "123456789012");
            record.put("eventTime", "2026-11-23T12:00:00Z").put("eventSource", "s3.amazonaws.com")
                    .put("eventName", "GetObject").put("awsRegion", "us-east-1")
                    .put("sourceIPAddress", "10.1." + (i / 250) + "." + (i % 250)).put("userAgent", "aws-sdk-java/2.41")
                    .put("eventID", UUID.randomUUID().toString()).put("readOnly", true)
                    .put("eventType", "AwsApiCall").put("recipientAccountId", "123456789012");
            record.putObject("requestParameters").put("bucketName", "data-" + UUID.randomUUID()).put("key", "k/" + i);
        }
        ObjectNode file = JSON.createObjectNode();
        file.set("Records", records);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(file.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The S3 source, a webhook and a route as .cfg files; both plugins installed at boot; ports moved. */
    private static void configure(Path karaf, String s3, String hook) throws IOException {
        Path etc = karaf.resolve("etc");
        Files.writeString(etc.resolve("dev.herald.source.s3-crash.cfg"), String.join("\n",
                "name = crash", "mode = poll", "bucket = crash-trail", "endpoint = " + s3, "path_style = true",
                "region = us-east-1", "credentials = static", "access_key_id = " + AwsCalls.ACCESS_KEY,
                "secret_access_key = " + AwsCalls.SECRET_KEY, "poll_interval = 1", "batch_size = " + BATCH, ""));
        Files.writeString(etc.resolve("dev.herald.sink.webhook-crash.cfg"), "name = crash-hook\nurl = " + hook + "\n");
        Files.writeString(etc.resolve("dev.herald.route-crash.cfg"),
                "name = crash\npattern = {\"instance\": [\"crash\"]}\nsinks = crash-hook\n");
        KarafProcess.prepare(karaf, "herald-sink-webhook", "herald-source-s3");
    }

    private static int distinctIds(RecordingHttpServer receiver) {
        return (int) receiver.requests().stream().map(r -> eventId(r.body())).distinct().count();
    }

    private static String eventId(String body) {
        try {
            return JSON.readTree(body).at("/event/id").asText();
        } catch (IOException e) {
            throw new AssertionError("not the webhook's JSON: " + body, e);
        }
    }
}
