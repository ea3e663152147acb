package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.SinkView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The whole path on the real distribution: CloudTrail files dropped into a directory flow
 * through the file source, the journal and a route to a webhook sink that points at an HTTP
 * endpoint inside this test. The methods run in order and share one container: each builds on
 * what the previous one delivered, as an operator's day would.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PipelineIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RecordingHttpServer receiver;
    private static Path inbox;
    private static int fileCounter;
    /** Every CloudTrail eventID written so far: each must reach the receiver. */
    private static final Set<String> expected = new HashSet<>();

    @Inject
    private BundleContext context;
    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private FeaturesService features;
    @Inject
    @Filter(timeout = 60000)
    private HeraldAdmin herald;
    @Inject
    private SessionFactory shell;

    @Configuration
    public Option[] config() {
        return HeraldDistribution.options();
    }

    /**
     * Pax Exam runs {@code @BeforeClass}/{@code @AfterClass} around every method inside the
     * container, so the receiver is started once, lazily, and lives as long as the container.
     */
    @Before
    public void startReceiverOnce() throws IOException {
        if (receiver == null) {
            receiver = new RecordingHttpServer();
            inbox = Files.createTempDirectory("herald-it-inbox");
        }
    }

    @Test
    public void a_eventsQueuedForAnAbsentSinkAreDeliveredOnceItsFeatureIsInstalled() throws Exception {
        assertTrue("the webhook plugin must not be installed at boot",
                findBundle("dev.herald.sink.webhook") == null);
        configure("dev.herald.route", "it-cloudtrail", props(
                "name", "it-cloudtrail",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-files\"]}",
                "sinks", new String[] {"it-hook"}));
        configure("dev.herald.source.file", "it-files", props(
                "name", "it-files",
                "directory", inbox.toString(),
                "poll_interval", 1,
                "settle_time", 100));

        dropCloudTrailFile(20);
        Await.until(WAIT, () -> pending("it-hook") == 20,
                () -> "sink it-hook should hold 20 waiting entries, has " + pending("it-hook"));

        features.installFeature("herald-sink-webhook");
        configure("dev.herald.sink.webhook", "it-hook", props(
                "name", "it-hook",
                "url", receiver.url("/hook")));

        awaitAllDelivered();
        RecordingHttpServer.Request first = receiver.requests().get(0);
        assertEquals("POST", first.method());
        assertEquals("/hook", first.path());
        assertTrue("JSON body expected, got " + first.contentType(), first.contentType().startsWith("application/json"));
        assertTrue("every request carries an idempotency key", first.idempotencyKey() != null);
        JsonNode body = JSON.readTree(first.body());
        assertEquals("it-cloudtrail", body.path("route").asText());
        assertEquals("cloudtrail", body.path("event").path("source").asText());
        assertTrue(expected.contains(body.path("event").path("id").asText()));
    }

    @Test
    public void b_restartingTheSinkBundleMidStreamLosesNothing() throws Exception {
        Bundle sink = findBundle("dev.herald.sink.webhook");
        dropCloudTrailFile(30);
        sink.stop();
        dropCloudTrailFile(30);
        // with the sink gone nothing is delivered: once every event not delivered is waiting, the
        // source has committed the file dropped while the sink was gone
        Await.until(WAIT, () -> pending("it-hook") >= missing().size(),
                () -> "the file source should have queued the file dropped while the sink was gone; missing "
                        + missing().size() + ", waiting " + pending("it-hook"));
        sink.start();
        dropCloudTrailFile(30);
        awaitAllDelivered();
    }

    @Test
    public void c_aSinkOutageIsRetriedUntilItRecovers() throws Exception {
        receiver.failNext(3);
        dropCloudTrailFile(5);
        awaitAllDelivered();
        assertTrue("the outage must have been retried", totalRetried() > 0);
    }

    @Test
    public void d_restartingCoreResumesFromTheCheckpointWithoutResending() throws Exception {
        awaitAllDelivered();
        int before = receiver.requests().size();
        Bundle core = findBundle("dev.herald.core");
        core.stop();
        core.start();
        herald = awaitService(HeraldAdmin.class);
        dropCloudTrailFile(10);
        awaitAllDelivered();
        // a re-send would come from old outbox entries (delivered before newer ones, in due and
        // sequence order) or from a re-read of older files (read before the new one, in name
        // order): once the new events are delivered and the outbox is empty, it has arrived
        Await.until(WAIT, () -> pending("it-hook") == 0, () -> "it-hook still has " + pending("it-hook") + " waiting");
        assertEquals("after the restart only the 10 new events may be sent",
                before + 10, receiver.requests().size());
    }

    @Test
    public void e_invalidRouteAndSinkConfigurationAreReportedAndIsolated() throws Exception {
        configure("dev.herald.route", "it-broken", props(
                "name", "it-broken",
                "pattern", "{\"source\": \"cloudtrail\"",
                "sinks", new String[] {"it-hook"}));
        configure("dev.herald.sink.webhook", "it-badurl", props(
                "name", "it-badurl",
                "url", "not a url"));
        Await.until(WAIT, () -> problems().contains("it-broken") && problems().contains("it-badurl"),
                () -> "herald problems were: " + problems());

        String status = shell("herald:status");
        assertTrue("herald:status must name the broken route: " + status, status.contains("it-broken"));
        assertTrue("herald:status must name the rejected sink: " + status, status.contains("it-badurl"));
        assertTrue("the sink error must name the property: " + status, status.contains("url"));

        dropCloudTrailFile(5);
        awaitAllDelivered();
    }

    // ---- helpers

    private void awaitAllDelivered() {
        Await.until(WAIT, () -> deliveredIds().containsAll(expected),
                () -> "missing " + missing() + " of " + expected.size() + "; sinks: " + herald.sinks());
    }

    private Set<String> missing() {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(deliveredIds());
        return missing;
    }

    private static Set<String> deliveredIds() {
        return receiver.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("event").path("id").asText();
            } catch (IOException e) {
                throw new AssertionError("receiver got a body that is not JSON: " + r.body(), e);
            }
        }).collect(Collectors.toSet());
    }

    /** Writes a CloudTrail log file with {@code count} records, atomically (as S3 sync would). */
    private static void dropCloudTrailFile(int count) throws IOException {
        int file = ++fileCounter;
        List<String> records = IntStream.range(0, count).mapToObj(i -> {
            String id = String.format("it-%04d-%04d-4c1e-9d2b-5f0c1e3a7b%02d", file, i, i % 100);
            expected.add(id);
            return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                    + "\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"userName\":\"alice\"},"
                    + "\"eventTime\":\"2026-11-22T10:00:" + String.format("%02d", i % 60) + "Z\","
                    + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\","
                    + "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"aws-cli/2.15.0\","
                    + "\"requestParameters\":{\"userName\":\"tmp-" + i + "\"},\"responseElements\":null,"
                    + "\"eventID\":\"" + id + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                    + "\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}";
        }).collect(Collectors.toList());
        String content = "{\"Records\":[" + String.join(",", records) + "]}";
        Path tmp = Files.createTempFile(inbox.getParent(), "ct", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("123456789012_CloudTrail_us-east-1_" + file + ".json"),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private long pending(String sink) {
        return herald.sinks().stream().filter(s -> s.name().equals(sink))
                .mapToLong(SinkView::pending).sum();
    }

    private long totalRetried() {
        return herald.overview().totals().retried();
    }

    private String problems() {
        return herald.overview().problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    private void configure(String factoryPid, String name, Dictionary<String, Object> properties) throws IOException {
        configs.getFactoryConfiguration(factoryPid, name, "?").update(properties);
    }

    private static Dictionary<String, Object> props(Object... keysAndValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private Bundle findBundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        return null;
    }

    private <T> T awaitService(Class<T> type) {
        Await.until(WAIT, () -> context.getServiceReference(type) != null, () -> type.getName() + " did not come back");
        return context.getService(context.getServiceReference(type));
    }

    private String shell(String command) throws Exception {
        return KarafShell.run(shell, command);
    }

}
