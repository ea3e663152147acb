package dev.herald.it;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.admin.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Digests on the distribution: a burst of 50 events of one group reaches a webhook as one digest
 * with count 50, through a route with {@code group_by}.
 */
public class DigestIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ARN = "arn:aws:iam::123456789012:user/mallory";

    @Test
    public void aBurstOfFiftyEventsOfOneGroupArrivesAsOneDigest() throws Exception {
        RecordingHttpServer receiver = new RecordingHttpServer();
        Path inbox = Files.createTempDirectory("herald-it-digest-inbox");
        features.installFeature("herald-sink-webhook");
        configure("dev.herald.sink.webhook", "it-digest", props("name", "it-digest", "url", receiver.url("/digest")));
        configure("dev.herald.route", "it-digest", props("name", "it-digest",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-digest-files\"]}",
                "sinks", new String[] {"it-digest"}, "group_by", "detail.eventName, detail.userIdentity.arn",
                "group_wait", "3s", "group_interval", "1m"));
        configure("dev.herald.source.file", "it-digest-files", props("name", "it-digest-files",
                "directory", inbox.toString(), "poll_interval", 1, "settle_time", 100));

        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            records.append(i == 1 ? "" : ",").append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
                    + "\"arn\":\"" + ARN + "\",\"accountId\":\"123456789012\"},"
                    + "\"eventTime\":\"2026-11-22T10:00:00Z\",\"eventSource\":\"signin.amazonaws.com\","
                    + "\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"eu-central-1\",\"sourceIPAddress\":\"192.0.2.1\","
                    + "\"eventID\":\"it-digest-" + i + "\",\"eventType\":\"AwsConsoleSignIn\","
                    + "\"recipientAccountId\":\"123456789012\"}");
        }
        Path tmp = Files.createTempFile(inbox.getParent(), "ct", ".tmp");
        Files.writeString(tmp, "{\"Records\":[" + records + "]}", StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("123456789012_CloudTrail_eu-central-1_digest.json"),
                StandardCopyOption.ATOMIC_MOVE);

        Await.until(WAIT, () -> !receiver.requests().isEmpty(),
                () -> "the digest should reach the webhook; " + problems());
        List<RecordingHttpServer.Request> got = receiver.requests();
        assertEquals("one notification for the burst: " + got, 1, got.size());
        JsonNode group = JSON.readTree(got.get(0).body()).path("group");
        assertEquals(got.get(0).body(), 50, group.path("count").asInt());
        assertEquals("detail.eventName=ConsoleLogin, detail.userIdentity.arn=" + ARN, group.path("key").asText());
        assertEquals("it-digest-1", group.path("first").path("id").asText());
        assertEquals("it-digest-50", group.path("last").path("id").asText());
        assertEquals("the first ten as examples, the rest counted", 10, group.path("events").size());
        assertEquals(40, group.path("more").asInt());
        assertEquals(50, herald.routes().stream().filter(r -> r.name().equals("it-digest")).findFirst()
                .orElseThrow().counters().routed());
    }

    private String problems() {
        return herald.overview().problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
