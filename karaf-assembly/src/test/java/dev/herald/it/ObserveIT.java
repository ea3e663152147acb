package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Health checks, metrics and self-alerts on the real distribution: {@code /metrics} counts what the
 * test's peers received; a sink whose peer fails turns WARN on {@code /system/health} (read over
 * HTTP without a login, as a load balancer would), and the built-in source {@code herald} tells
 * another sink that it paused and, later, that it recovered, never telling the failing sink
 * about itself.
 */
public class ObserveIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String HEALTH = "http://127.0.0.1:18181/system/health";
    private static final String METRICS = "http://127.0.0.1:18181/metrics";
    private static final String TOKEN = "it-metrics-token";

    @Override
    protected Option[] moreOptions() {
        return new Option[] {
            // a realm user with the role /metrics asks for, as an operator would add one
            editConfigurationFilePut("etc/users.properties", "scraper", "scraper-pw,admin"),
            // retries at most 4 s apart, so that the failing sink's recovery is seen soon after its peer's
            editConfigurationFilePut("etc/dev.herald.core.cfg", "delivery_backoff_max_ms", "4000"),
        };
    }

    @Test
    public void metricsCountWhatWasSentAndAFailingSinkWarnsOnSystemHealthAndIsReportedByASelfAlert() throws Exception {
        RecordingHttpServer healthy = new RecordingHttpServer();
        RecordingHttpServer flaky = new RecordingHttpServer();
        CloudTrailInbox inbox = new CloudTrailInbox("health-it");
        flaky.failNext(Integer.MAX_VALUE);
        features.installFeature("herald-sink-webhook");
        configure("dev.herald.sink.webhook", "it-ok", props("name", "it-ok", "url", healthy.url("/ok")));
        configure("dev.herald.sink.webhook", "it-flaky", props("name", "it-flaky", "url", flaky.url("/flaky")));
        configure("dev.herald.route", "it-events", props("name", "it-events",
                "pattern", "{\"instance\":[\"it-files\"]}", "sinks", new String[] {"it-ok", "it-flaky"}));
        configure("dev.herald.route", "it-self-alerts", props("name", "it-self-alerts",
                "pattern", "{\"source\":[\"herald\"]}", "sinks", new String[] {"it-ok", "it-flaky"}));
        configure("dev.herald.source.file", "it-files", props("name", "it-files",
                "directory", inbox.directory().toString(), "poll_interval", 1, "settle_time", 100));

        inbox.drop(3);
        Await.until(WAIT, () -> bodies(healthy, "cloudtrail").size() == 3,
                () -> "it-ok should get the 3 events, got " + healthy.requests().size() + "; sinks: " + herald.sinks());

        configs.getConfiguration("dev.herald.metrics", "?").update(props("token", TOKEN));
        Await.until(WAIT, () -> metric(bearer(TOKEN), "herald_source_received_total{source=\"it-files\"}") == 3,
                () -> "/metrics should count 3 received: " + get(METRICS, bearer(TOKEN)));
        Await.until(WAIT, () -> metric(bearer(TOKEN), "herald_sink_delivered_total{sink=\"it-ok\"}") == healthy.requests().size()
                        && metric(bearer(TOKEN), "herald_delivery_latency_seconds_count{sink=\"it-ok\"}") == healthy.requests().size(),
                () -> "delivered counter and latency histogram of it-ok should equal the " + healthy.requests().size()
                        + " requests it-ok's peer got: " + get(METRICS, bearer(TOKEN)));
        assertTrue(metric(bearer(TOKEN), "herald_sink_retried_total{sink=\"it-flaky\"}") >= 1);
        assertTrue(metric(bearer(TOKEN), "herald_journal_commit_seconds_count{source=\"it-files\"}") >= 1);
        assertTrue(metric(bearer(TOKEN), "herald_store_size_bytes") > 0);
        assertTrue("JVM metrics too", get(METRICS, bearer(TOKEN)).contains("jvm_memory_used_bytes"));
        assertEquals(1.0, metric(basic("scraper:scraper-pw"), "herald_store_up"), 0.0);
        assertEquals(401, status(METRICS, null));
        assertEquals(401, status(METRICS, bearer("wrong")));
        assertEquals(401, status(METRICS, basic("scraper:wrong")));

        Await.until(WAIT, () -> "WARN".equals(checkStatus("Herald sink it-flaky")),
                () -> "/system/health should show it-flaky WARN: " + health());
        assertEquals("OK", checkStatus("Herald sink it-ok"));
        JsonNode flakyCheck = check("Herald sink it-flaky");
        List<String> tags = JSON.convertValue(flakyCheck.path("tags"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertTrue("tags " + tags, tags.containsAll(List.of("herald", "herald-sink", "it-flaky")));
        assertTrue("the check says why: " + flakyCheck, flakyCheck.toString().contains("paused"));

        Await.until(WAIT, () -> selfAlerts(healthy, "herald.sink.paused", "it-flaky") == 1,
                () -> "it-ok should get one herald.sink.paused about it-flaky; it got " + bodies(healthy, "herald"));
        assertEquals(1.0, metric(bearer(TOKEN), "herald_sink_paused{sink=\"it-flaky\"}"), 0.0);

        flaky.failNext(0);
        Await.until(WAIT, () -> selfAlerts(healthy, "herald.sink.recovered", "it-flaky") == 1,
                () -> "it-ok should get herald.sink.recovered about it-flaky; it got " + bodies(healthy, "herald"));
        Await.until(WAIT, () -> "OK".equals(checkStatus("Herald sink it-flaky")),
                () -> "it-flaky should be OK again: " + health());
        assertEquals("the failing sink is never told about itself: " + bodies(flaky, "herald"),
                0, bodies(flaky, "herald").stream()
                        .filter(b -> b.path("event").path("detail").path("sink").asText().equals("it-flaky")).count());
        Await.until(WAIT, () -> bodies(flaky, "cloudtrail").size() == 3,
                () -> "it-flaky should get the 3 events once its peer recovers, got " + bodies(flaky, "cloudtrail").size());
    }

    @Test
    public void systemHealthAnswersInTextWithoutALogin() throws Exception {
        String verbose = HEALTH + "?format=verbose.txt&tags=herald-store";
        Await.until(WAIT, () -> get(verbose).contains("Herald store herald"),
                () -> verbose + " should list the store check: " + get(verbose));
        assertTrue(get(verbose), get(verbose).contains("Overall Health Result: OK"));
        assertEquals("OK", get(HEALTH + "?format=txt&tags=herald-store").trim());
        assertEquals("OK", get(HEALTH + "/herald-store.txt").trim());
    }

    // ---- helpers

    private static String health() {
        return get(HEALTH);
    }

    private static JsonNode check(String name) {
        try {
            for (JsonNode r : JSON.readTree(health()).path("results")) {
                if (name.equals(r.path("name").asText())) {
                    return r;
                }
            }
            return JSON.missingNode();
        } catch (IOException e) {
            throw new AssertionError("/system/health did not answer JSON", e);
        }
    }

    private static String checkStatus(String name) {
        return check(name).path("status").asText();
    }

    private static String get(String url) {
        return get(url, null);
    }

    private static String get(String url, String authorization) {
        HttpResponse<String> r = request(url, authorization);
        return r == null ? "unreachable" : r.body();
    }

    private static int status(String url, String authorization) {
        HttpResponse<String> r = request(url, authorization);
        return r == null ? -1 : r.statusCode();
    }

    /** The response, or null when nothing answers (yet). */
    private static HttpResponse<String> request(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One sample of {@code /metrics}, e.g. {@code herald_store_up}; NaN when absent or refused. */
    private static double metric(String authorization, String sample) {
        HttpResponse<String> r = request(METRICS, authorization);
        if (r == null || r.statusCode() != 200) {
            return Double.NaN;
        }
        for (String line : r.body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static long selfAlerts(RecordingHttpServer server, String type, String sink) {
        return bodies(server, "herald").stream().filter(b -> b.path("event").path("type").asText().equals(type)
                && b.path("event").path("detail").path("sink").asText().equals(sink)).count();
    }

    private static List<JsonNode> bodies(RecordingHttpServer server, String source) {
        return server.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + r.body(), e);
            }
        }).filter(b -> b.path("event").path("source").asText().equals(source)).collect(Collectors.toList());
    }
}
