package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.herald.api.admin.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Replay on the distribution: events that reached one sink are resent to a second one by
 * {@code herald:replay} through a route that is disabled for normal traffic; the dry run sends
 * nothing, the replay's notifications carry idempotency keys of their own, and a range beyond
 * the retention is refused.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ReplayIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PATTERN = "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-replay-files\"]}";

    private static RecordingHttpServer receiver;
    private static Path inbox;

    @Test
    public void a_theEventsReachTheLiveSinkOnly() throws Exception {
        receiver = new RecordingHttpServer();
        inbox = Files.createTempDirectory("herald-it-replay-inbox");
        features.installFeature("herald-sink-webhook");
        configure("dev.herald.sink.webhook", "it-replay-live", props("name", "it-replay-live",
                "url", receiver.url("/live")));
        configure("dev.herald.sink.webhook", "it-replay-second", props("name", "it-replay-second",
                "url", receiver.url("/second")));
        configure("dev.herald.route", "it-replay-live", props("name", "it-replay-live", "pattern", PATTERN,
                "sinks", new String[] {"it-replay-live"}));
        configure("dev.herald.route", "it-replay-second", props("name", "it-replay-second", "pattern", PATTERN,
                "sinks", new String[] {"it-replay-second"}, "enabled", false));
        configure("dev.herald.source.file", "it-replay-files", props("name", "it-replay-files",
                "directory", inbox.toString(), "poll_interval", 1, "settle_time", 100));

        dropCreateUsers("replay", "alice", "it-replay-1", "it-replay-2", "it-replay-3");

        Await.until(WAIT, () -> requests("/live").size() == 3,
                () -> "the three events should reach it-replay-live: " + requests("/live") + "; " + problems());
        assertEquals("the disabled route sends nothing", 0, requests("/second").size());
    }

    @Test
    public void b_aDryRunCountsAndSendsNothing() throws Exception {
        String out = shell("herald:replay --since 1h --route it-replay-second");

        assertTrue(out, out.contains(": 3 matched") || out.contains(" scanned, 3 matched"));
        assertTrue(out, out.contains("it-replay-second: would send 3 notifications"));
        assertTrue(out, out.contains("nothing was sent"));
        assertEquals(0, requests("/second").size());
    }

    @Test
    public void c_aReplayResendsTheHourToTheSecondSinkWithKeysOfItsOwn() throws Exception {
        String out = shell("herald:replay --since 1h --route it-replay-second --sink it-replay-second --send");

        assertTrue(out, out.contains("it-replay-second: queued 3 notifications"));
        Await.until(WAIT, () -> requests("/second").size() == 3,
                () -> "the replay should resend the three events: " + requests("/second") + "; " + problems());
        Set<String> liveKeys = keys("/live");
        Set<String> replayKeys = keys("/second");
        assertEquals(3, replayKeys.size());
        assertTrue("a replay's keys are its own: " + liveKeys + " / " + replayKeys,
                replayKeys.stream().noneMatch(liveKeys::contains));
        assertEquals(Set.of("it-replay-1", "it-replay-2", "it-replay-3"),
                requests("/second").stream().map(RecordingHttpServer.Request::eventId).collect(Collectors.toSet()));
    }

    @Test
    public void d_aRangeBeyondTheRetentionIsRefused() throws Exception {
        String out;
        try {
            out = shell("herald:replay --since 2d --route it-replay-second");
        } catch (Exception refused) {
            out = String.valueOf(refused.getMessage());
        }
        assertTrue(out, out.contains("beyond what the event log retains") && out.contains("24 hours"));
        assertEquals(3, requests("/second").size());
    }

    @Test
    public void e_aSilenceSuppressesTheRouteForItsDurationAndCountsWhatItHeld() throws Exception {
        String pattern = "{\"source\":[\"cloudtrail\"],\"detail\":{\"userIdentity\":{\"arn\":"
                + "[\"arn:aws:iam::123456789012:user/mallory\"]}}}";
        String added = shell("herald:silence add --pattern '" + pattern + "' --for 2h --comment 'IT: pentest window'"
                + " --sink it-replay-live");
        assertTrue(added, added.contains("holds back notifications to it-replay-live until"));
        String status = shell("herald:status");
        assertTrue(status, status.contains("1 active: ") && status.contains("(it-replay-live until "));

        dropCreateUsers("silenced", "mallory", "it-silenced-1", "it-silenced-2");
        Await.until(WAIT, () -> safeShell("herald:status").contains("silenced 2, pending"),
                () -> "the sink should count the two silenced notifications: " + safeShell("herald:status"));
        status = shell("herald:status");
        assertTrue(status, status.contains("routed 5, throttled 0, silenced 2 -> it-replay-live"));
        assertTrue(status, status.matches("(?s).*routing +routed \\d+, throttled \\d+, silenced 2\\R.*"));
        String list = shell("herald:silence list");
        assertTrue(list, list.contains("active") && list.contains("IT: pentest window"));

        dropCreateUsers("unsilenced", "alice", "it-silenced-3");
        Await.until(WAIT, () -> requests("/live").size() == 4,
                () -> "alice's event is not silenced: " + requests("/live") + "; " + problems());
        long id = herald.silences().get(0).id();
        String expired = shell("herald:silence expire " + id);
        assertTrue(expired, expired.contains("expired silence " + id));
        assertTrue(shell("herald:status").contains("silences      none active"));

        dropCreateUsers("after", "mallory", "it-silenced-4");
        Await.until(WAIT, () -> requests("/live").size() == 5,
                () -> "after the silence mallory's events are sent again: " + requests("/live") + "; " + problems());
        assertEquals("what the silence held back is not sent when it ends",
                List.of("it-silenced-3", "it-silenced-4"), requests("/live").stream().skip(3)
                        .map(RecordingHttpServer.Request::eventId).collect(Collectors.toList()));
        assertTrue(shell("herald:status").contains("routed 7, throttled 0, silenced 2 -> it-replay-live"));
    }

    /** Drops a CloudTrail file of CreateUser calls by {@code user} into the source's inbox. */
    private static void dropCreateUsers(String name, String user, String... ids) throws IOException {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            records.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
                    + "\"arn\":\"arn:aws:iam::123456789012:user/" + user + "\",\"accountId\":\"123456789012\"},"
                    + "\"eventTime\":\"2026-11-22T10:00:0" + (i + 1) + "Z\",\"eventSource\":\"iam.amazonaws.com\","
                    + "\"eventName\":\"CreateUser\",\"awsRegion\":\"eu-central-1\",\"sourceIPAddress\":\"192.0.2.1\","
                    + "\"eventID\":\"" + ids[i] + "\",\"eventType\":\"AwsApiCall\","
                    + "\"recipientAccountId\":\"123456789012\"}");
        }
        Path tmp = Files.createTempFile(inbox.getParent(), "ct", ".tmp");
        Files.writeString(tmp, "{\"Records\":[" + records + "]}", StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("123456789012_CloudTrail_eu-central-1_" + name + ".json"),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private String safeShell(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return command + " failed: " + e;
        }
    }

    private static List<RecordingHttpServer.Request> requests(String path) {
        return receiver.requests().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    private static Set<String> keys(String path) {
        return new HashSet<>(requests(path).stream().map(RecordingHttpServer.Request::idempotencyKey).toList());
    }

    private String problems() {
        return herald.overview().problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
