package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.SinkView;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.osgi.framework.Bundle;

/**
 * The whole path on the real distribution: CloudTrail files dropped into a directory flow
 * through the file source, the journal and a route to a webhook sink that points at an HTTP
 * endpoint inside this test. The methods run in order and share one container: each builds on
 * what the previous one delivered, as an operator's day would.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PipelineIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RecordingHttpServer receiver;
    private static CloudTrailInbox inbox;
    /** Every CloudTrail eventID written so far: each must reach the receiver. */
    private static final Set<String> expected = new HashSet<>();

    /**
     * Pax Exam runs {@code @BeforeClass}/{@code @AfterClass} around every method inside the
     * container, so the receiver is started once, lazily, and lives as long as the container.
     */
    @Before
    public void startReceiverOnce() throws IOException {
        if (receiver == null) {
            receiver = new RecordingHttpServer();
            inbox = new CloudTrailInbox("it");
        }
    }

    @Test
    public void a_eventsQueuedForAnAbsentSinkAreDeliveredOnceItsFeatureIsInstalled() throws Exception {
        assertTrue("the webhook plugin must not be installed at boot",
                installed("dev.herald.sink.webhook").isEmpty());
        configure("dev.herald.route", "it-cloudtrail", props(
                "name", "it-cloudtrail",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-files\"]}",
                "sinks", new String[] {"it-hook"}));
        configure("dev.herald.source.file", "it-files", props(
                "name", "it-files",
                "directory", inbox.directory().toString(),
                "poll_interval", 1,
                "settle_time", 100));

        expected.addAll(inbox.drop(20));
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
        Bundle sink = bundle("dev.herald.sink.webhook");
        expected.addAll(inbox.drop(30));
        sink.stop();
        expected.addAll(inbox.drop(30));
        // with the sink gone nothing is delivered: once every event not delivered is waiting, the
        // source has committed the file dropped while the sink was gone
        Await.until(WAIT, () -> pending("it-hook") >= missing().size(),
                () -> "the file source should have queued the file dropped while the sink was gone; missing "
                        + missing().size() + ", waiting " + pending("it-hook"));
        sink.start();
        expected.addAll(inbox.drop(30));
        awaitAllDelivered();
    }

    @Test
    public void c_aSinkOutageIsRetriedUntilItRecovers() throws Exception {
        receiver.failNext(3);
        expected.addAll(inbox.drop(5));
        awaitAllDelivered();
        assertTrue("the outage must have been retried", totalRetried() > 0);
    }

    @Test
    public void d_restartingCoreResumesFromTheCheckpointWithoutResending() throws Exception {
        awaitAllDelivered();
        int before = receiver.requests().size();
        Bundle core = bundle("dev.herald.core");
        core.stop();
        core.start();
        awaitHeraldBack();
        expected.addAll(inbox.drop(10));
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
        configure("dev.herald.sink.webhook", "it-badurl", props("name", "it-badurl", "url", "not a url"));
        Await.until(WAIT, () -> problems().contains("it-broken") && problems().contains("it-badurl"),
                () -> "herald problems were: " + problems());

        String status = shell("herald:status");
        assertTrue("herald:status must name the broken route: " + status, status.contains("it-broken"));
        assertTrue("herald:status must name the rejected sink: " + status, status.contains("it-badurl"));
        assertTrue("the sink error must name the property: " + status, status.contains("url"));

        expected.addAll(inbox.drop(5));
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
        return receiver.deliveriesPerEvent().keySet();
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
}
