package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.admin.SinkView;
import dev.herald.it.VendorEmulator.Answer;
import dev.herald.it.VendorEmulator.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Issue 3 end to end on the real distribution: Illumio PCE audit events polled from a PCE
 * emulator flow through routes to Slack, PagerDuty and ServiceNow emulators and to a real SMTP
 * server, through a PCE outage (twice) and a storm of Slack 429s, and each target receives every
 * expected message exactly once.
 */
public class IncidentPipelineIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String PCE_USER = "api_1f2e3d4c5b6a7980";
    private static final String PCE_SECRET = "it-pce-secret-0b9a";
    private static final String SLACK_TOKEN = "xoxb-it-1111-2222-secret";
    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY32";
    private static final String SNOW_PASSWORD = "it-snow-secret";

    /** The PCE's audit events; the emulator serves those inside the asked window. */
    private final List<ObjectNode> pceEvents = new ArrayList<>();
    private final AtomicInteger pceOutage = new AtomicInteger();
    private final AtomicInteger slackRateLimited = new AtomicInteger();
    /** The bodies of the messages Slack accepted. */
    private final List<String> slackAccepted = Collections.synchronizedList(new ArrayList<>());
    /** ServiceNow incidents by correlation_id. */
    private final Map<String, String> incidents = new ConcurrentHashMap<>();

    @Override
    protected Option[] moreOptions() throws Exception {
        int[] mail = MailPeer.ports();
        return new Option[] {
            systemProperty("it.smtp.port").value(Integer.toString(mail[0])),
            systemProperty("it.pop3.port").value(Integer.toString(mail[1]))};
    }

    @Test
    public void pceEventsReachEveryTargetExactlyOnceThroughOutagesAndRateLimits() throws Exception {
        VendorEmulator pce = new VendorEmulator(this::pce);
        VendorEmulator slack = new VendorEmulator(this::slack);
        VendorEmulator pagerDuty = new VendorEmulator(this::pagerDuty);
        VendorEmulator serviceNow = new VendorEmulator(this::serviceNow);

        Instant start = Instant.now().minusSeconds(600);
        for (int i = 1; i <= 10; i++) {
            addPceEvent(start.plusSeconds(i * 10L), i);
        }
        pceOutage.set(3);
        slackRateLimited.set(6);

        for (String feature : List.of("herald-source-pce", "herald-sink-slack", "herald-sink-pagerduty",
                "herald-sink-servicenow", "herald-sink-mail")) {
            features.installFeature(feature);
        }
        configure("dev.herald.route", "it-pce-all", Map.of("name", "it-pce-all",
                "pattern", "{\"source\":[\"pce\"],\"instance\":[\"it-pce\"]}", "sinks", new String[] {"it-slack"}));
        configure("dev.herald.route", "it-pce-tampering", Map.of("name", "it-pce-tampering",
                "pattern", "{\"source\":[\"pce\"],\"instance\":[\"it-pce\"],\"type\":[\"agent.tampering\"]}",
                "sinks", new String[] {"it-pd", "it-snow", "it-mail"}));
        configure("dev.herald.sink.slack", "it-slack", Map.of("name", "it-slack", "token", SLACK_TOKEN,
                "channel", "#soc-it", "api_url", slack.url() + "/api", "rate", 20));
        configure("dev.herald.sink.pagerduty", "it-pd", Map.of("name", "it-pd", "routing_key", ROUTING_KEY,
                "api_url", pagerDuty.url()));
        configure("dev.herald.sink.servicenow", "it-snow", Map.of("name", "it-snow", "instance", serviceNow.url(),
                "username", "herald", "password", SNOW_PASSWORD));
        configure("dev.herald.sink.mail", "it-mail", Map.of("name", "it-mail", "host", "127.0.0.1",
                "port", Integer.getInteger("it.smtp.port"), "security", "none", "from", "herald@herald.test",
                "to", MailPeer.MAILBOX, "rate", 0));
        configure("dev.herald.source.pce", "it-pce", Map.of("name", "it-pce", "pce_url", pce.url(),
                "api_user", PCE_USER, "api_secret", PCE_SECRET, "poll_interval", 1, "backfill_hours", 1,
                "overlap_seconds", 60));

        awaitDelivered(pagerDuty, serviceNow, 10);

        // a second outage while new events arrive, one of them late (inside the overlap window)
        pceOutage.set(2);
        synchronized (pceEvents) {
            for (int i = 11; i <= 16; i++) {
                addPceEvent(Instant.now().minusSeconds(i == 16 ? 30 : 0), i);
            }
        }
        awaitDelivered(pagerDuty, serviceNow, 16);

        // several more polls over the same windows must not send anything twice
        int polls = pce.requests().size();
        Await.until(WAIT, () -> pce.requests().size() > polls + 3, () -> "the PCE source stopped polling");
        assertExactlyOnce(pagerDuty, serviceNow, 16);
        for (SinkView sink : herald.sinks()) {
            if (sink.name().startsWith("it-")) {
                assertEquals(sink.name() + " has dead letters", 0, sink.deadLetters());
            }
        }
        assertTrue("the Slack storm was played", slack.requests().stream().filter(r -> r.path().endsWith("chat.postMessage")).count() >= 16 + 6);
    }

    private void addPceEvent(Instant time, int n) {
        boolean tampering = n % 3 == 0;
        ObjectNode event = JSON.createObjectNode()
                .put("href", "/orgs/1/events/" + UUID.randomUUID())
                .put("timestamp", time.toString())
                .put("event_type", tampering ? "agent.tampering" : "user.sign_in")
                .put("status", tampering ? "failure" : "success")
                .put("severity", tampering ? "err" : "info")
                .put("pce_fqdn", "pce.it.example");
        event.putObject("created_by").putObject("workload").put("href", "/orgs/1/workloads/" + n)
                .put("hostname", "web-" + n + ".it.example");
        event.putObject("action").put("src_ip", "10.0.0." + n).put("api_method", "POST")
                .put("api_endpoint", "/api/v2/orgs/1/agents/update");
        event.putArray("resource_changes");
        event.putArray("notifications");
        synchronized (pceEvents) {
            pceEvents.add(event);
        }
    }

    private Answer pce(Request r) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((PCE_USER + ":" + PCE_SECRET).getBytes());
        if (!basic.equals(r.header("Authorization"))) {
            return Answer.json(401, "{\"error\":\"authentication required\"}");
        }
        if (r.path().equals("/api/v2/health")) {
            return Answer.json(200, "[{\"status\":\"normal\"}]");
        }
        if (!r.method().equals("GET") || !r.path().equals("/api/v2/orgs/1/events")) {
            return Answer.json(404, "{\"error\":\"not found\"}");
        }
        if (pceOutage.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Answer.json(503, "{\"error\":\"service unavailable\"}").with("Retry-After", "1");
        }
        Instant gte = Instant.parse(r.query().get("timestamp[gte]"));
        Instant lte = Instant.parse(r.query().get("timestamp[lte]"));
        int max = Integer.parseInt(r.query().getOrDefault("max_results", "100"));
        ArrayNode page = JSON.createArrayNode();
        synchronized (pceEvents) {
            pceEvents.stream()
                    .filter(e -> {
                        Instant t = Instant.parse(e.get("timestamp").asText());
                        return !t.isBefore(gte) && !t.isAfter(lte);
                    })
                    .sorted(Comparator.comparing((ObjectNode e) -> e.get("timestamp").asText()).reversed())
                    .limit(max)
                    .forEach(page::add);
        }
        return Answer.json(200, page.toString());
    }

    private Answer slack(Request r) {
        if (!r.method().equals("POST") || !r.path().equals("/api/chat.postMessage")) {
            return Answer.json(404, "");
        }
        if (!("Bearer " + SLACK_TOKEN).equals(r.header("Authorization"))) {
            return Answer.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
        }
        if (slackRateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Answer.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").with("Retry-After", "1");
        }
        JsonNode body = json(r.body());
        if (!"#soc-it".equals(body.path("channel").asText()) || !body.path("blocks").isArray()) {
            return Answer.json(200, "{\"ok\":false,\"error\":\"invalid_blocks\"}");
        }
        slackAccepted.add(r.body());
        return Answer.json(200, "{\"ok\":true,\"channel\":\"C0IT\",\"ts\":\"" + System.nanoTime() + "\"}");
    }

    private Answer pagerDuty(Request r) {
        JsonNode body = json(r.body());
        if (!r.path().equals("/v2/enqueue") || !ROUTING_KEY.equals(body.path("routing_key").asText())) {
            return Answer.json(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
        }
        return Answer.json(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":"
                + JSON.valueToTree(body.path("dedup_key").asText()) + "}");
    }

    private Answer serviceNow(Request r) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("herald:" + SNOW_PASSWORD).getBytes());
        if (!basic.equals(r.header("Authorization"))) {
            return Answer.json(401, "{\"error\":{\"message\":\"User Not Authenticated\"},\"status\":\"failure\"}");
        }
        if (r.method().equals("GET")) {
            String id = r.query().getOrDefault("sysparm_query", "").replace("correlation_id=", "");
            String sysId = incidents.get(id);
            return Answer.json(200, sysId == null ? "{\"result\":[]}"
                    : "{\"result\":[{\"sys_id\":\"" + sysId + "\",\"number\":\"INC0010001\"}]}");
        }
        if (r.method().equals("POST")) {
            String sysId = UUID.randomUUID().toString().replace("-", "");
            incidents.put(json(r.body()).path("correlation_id").asText(), sysId);
            return Answer.json(201, "{\"result\":{\"sys_id\":\"" + sysId + "\",\"number\":\"INC00" + incidents.size() + "\"}}");
        }
        return Answer.json(200, "{\"result\":{\"sys_id\":\"x\",\"number\":\"INC0010001\"}}");
    }

    private void awaitDelivered(VendorEmulator pagerDuty, VendorEmulator serviceNow, int events) {
        int tampering = events / 3;
        Await.until(WAIT, () -> delivered().size() >= events && pagerDuty.requests().size() >= tampering
                        && posts(serviceNow).size() >= tampering && mails().size() >= tampering,
                () -> "slack " + delivered().size() + "/" + events + ", pagerduty " + pagerDuty.requests().size()
                        + "/" + tampering + ", servicenow " + posts(serviceNow).size() + "/" + tampering + ", mail "
                        + mails().size() + "/" + tampering + "; sinks " + herald.sinks() + "; sources " + herald.sources());
    }

    private void assertExactlyOnce(VendorEmulator pagerDuty, VendorEmulator serviceNow, int events) {
        int tampering = events / 3;
        List<String> slackIps = delivered().stream().map(IncidentPipelineIT::sourceIp).sorted().toList();
        assertEquals("one Slack message per PCE event: " + slackIps, events, slackIps.size());
        assertEquals("no event twice in Slack: " + slackIps, events, Set.copyOf(slackIps).size());

        List<String> dedupKeys = pagerDuty.requests().stream().map(r -> json(r.body()).path("dedup_key").asText()).toList();
        assertEquals("one PagerDuty trigger per tampering event: " + dedupKeys, tampering, dedupKeys.size());
        assertEquals(tampering, Set.copyOf(dedupKeys).size());
        pagerDuty.requests().forEach(r -> assertEquals("trigger", json(r.body()).path("event_action").asText()));

        List<String> correlations = posts(serviceNow).stream()
                .map(r -> json(r.body()).path("correlation_id").asText()).toList();
        assertEquals("one incident per tampering event: " + correlations, tampering, correlations.size());
        assertEquals(tampering, Set.copyOf(correlations).size());

        List<String> messageIds = mails().stream().map(IncidentPipelineIT::messageId).toList();
        assertEquals("one mail per tampering event: " + messageIds, tampering, messageIds.size());
        assertEquals(tampering, Set.copyOf(messageIds).size());
    }

    /** The messages Slack accepted. */
    private List<String> delivered() {
        synchronized (slackAccepted) {
            return List.copyOf(slackAccepted);
        }
    }

    private static List<Request> posts(VendorEmulator serviceNow) {
        return serviceNow.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static List<String> mails() {
        try {
            return Pop3Mailbox.messages(Integer.getInteger("it.pop3.port"), MailPeer.MAILBOX, MailPeer.PASSWORD);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read the mailbox over POP3: " + e, e);
        }
    }

    private static String messageId(String mail) {
        for (String line : mail.split("\n")) {
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return line.substring(11).trim();
            }
        }
        throw new AssertionError("a mail without Message-ID:\n" + mail);
    }

    private static String sourceIp(String slackBody) {
        String text = json(slackBody).toString();
        int at = text.indexOf("10.0.0.");
        return at < 0 ? "?" : text.substring(at, text.indexOf('"', at)).split("\\\\")[0];
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
