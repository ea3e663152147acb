package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.herald.api.Sink;
import dev.herald.api.admin.SinkView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * What an operator does to a live Herald while entries wait in a sink's outbox: upgrade the sink,
 * uninstall and reinstall its feature, restart core. The entries wait because the receiver was
 * down (it answered 503) and then keeps the first send unanswered while the operation runs: the
 * sink is busy with that send, and its replacement must wait until it has ended.
 * In each case every waiting event reaches the receiver exactly once, but the one in flight when
 * core stops: the dispatcher abandons a send that outlasts its shutdown grace, so that one comes
 * again after the restart (at least once). When a sink is replaced or goes away, its successor
 * waits for the send in flight to end and be recorded, so that event too comes once.
 *
 * <p>Events come from CloudTrail files through the file source, a route sends them to a webhook
 * sink, and the test's receiver counts what it accepted per event id. The methods share one
 * container and run in order.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LifecycleWithEventsWaitingIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SINK = "lc-hook";
    private static final String FEATURE = "herald-sink-webhook";
    private static final String SINK_BUNDLE = "dev.herald.sink.webhook";

    /** Lives as long as the container (Pax Exam runs {@code @BeforeClass} around every method). */
    private static RecordingHttpServer receiver;
    private static CloudTrailInbox inbox;

    @Override
    protected Option[] moreOptions() {
        // a healed peer is retried within seconds, not after a backoff of minutes
        return new Option[] {editConfigurationFilePut("etc/dev.herald.core.cfg", "delivery_backoff_max_ms", "4000")};
    }

    @Before
    public void pipelineOnce() throws Exception {
        if (receiver != null) {
            return;
        }
        receiver = new RecordingHttpServer();
        inbox = new CloudTrailInbox("lc");
        features.installFeature(FEATURE);
        configure("dev.herald.sink.webhook", SINK, props("name", SINK, "url", receiver.url("/lifecycle")));
        configure("dev.herald.route", "lc", props("name", "lc", "pattern", "{\"instance\":[\"lc-files\"]}",
                "sinks", new String[] {SINK}));
        configure("dev.herald.source.file", "lc-files", props("name", "lc-files",
                "directory", inbox.directory().toString(), "poll_interval", 1, "settle_time", 100));
        Await.until(WAIT, () -> "active".equals(sink().map(SinkView::state).orElse(null)),
                () -> SINK + " should be active: " + sink());
    }

    /**
     * {@code bundle:update} of the webhook plugin with a jar rebuilt from the installed one under a
     * new Bundle-Version: the new revision's sink takes over the waiting outbox (its User-Agent
     * carries its version). Karaf's {@code feature:install -u} ends in the same bundle update; it
     * is not run here because this build has one version of the feature only.
     */
    @Test
    public void a_upgradingTheSinkDeliversTheWaitingEntriesThroughTheNewVersion() throws Exception {
        List<String> ids = waitingBehindAnOutage(20);
        Bundle plugin = bundle(SINK_BUNDLE);
        Version next = new Version(plugin.getVersion().getMajor(), plugin.getVersion().getMinor(),
                plugin.getVersion().getMicro() + 1);
        String inFlight = oneSendInFlight();

        plugin.update(new ByteArrayInputStream(withVersion(plugin.getLocation(), next)));
        Await.until(WAIT, () -> next.equals(servingVersion().orElse(null)),
                () -> SINK + " should be served by " + SINK_BUNDLE + " " + next + ", is by " + servingVersion());
        assertEquals("the entries wait through the upgrade", ids.size(), pending());
        receiver.release();

        assertEachDeliveredOnce(ids, inFlight, 1);
        List<String> agents = receiver.requests().stream()
                .filter(r -> ids.contains(r.eventId()) && !r.eventId().equals(inFlight))
                .map(RecordingHttpServer.Request::userAgent).distinct().toList();
        assertEquals("delivered by the new version", List.of("Herald/" + next), agents);
    }

    /**
     * {@code feature:uninstall} while entries wait, more events while the plugin is gone, then
     * {@code feature:install}: the sink's configuration was kept, and everything is delivered.
     */
    @Test
    public void b_uninstallingAndReinstallingTheSinkFeatureKeepsTheWaitingEntries() throws Exception {
        List<String> ids = new ArrayList<>(waitingBehindAnOutage(10));
        String inFlight = oneSendInFlight();

        features.uninstallFeature(FEATURE);
        Await.until(WAIT, () -> installed(SINK_BUNDLE).isEmpty() && "absent".equals(sink().map(SinkView::state).orElse(null)),
                () -> SINK_BUNDLE + " should be uninstalled and " + SINK + " absent: " + sink());
        ids.addAll(inbox.drop(10));
        Await.until(WAIT, () -> pending() == ids.size(),
                () -> "the absent " + SINK + " should hold " + ids.size() + " entries, has " + pending());
        receiver.release();

        features.installFeature(FEATURE);
        assertEachDeliveredOnce(ids, inFlight, 1);
    }

    /**
     * {@code bundle:restart} of herald-core while entries wait, and a file dropped while core is
     * stopped: the outbox survives in the store, the file is read once core is back. The send in
     * flight outlasts the dispatcher's shutdown grace, is abandoned and comes again after the restart.
     */
    @Test
    public void c_restartingCoreKeepsTheWaitingEntries() throws Exception {
        List<String> ids = new ArrayList<>(waitingBehindAnOutage(15));
        String inFlight = oneSendInFlight();
        // down again for the others, so that they are seen waiting after the restart
        receiver.failNext(Integer.MAX_VALUE);

        Bundle core = bundle("dev.herald.core");
        core.stop();
        ids.addAll(inbox.drop(5));
        core.start();
        awaitHeraldBack();
        Await.until(WAIT, () -> pending() == ids.size(),
                () -> SINK + " should hold " + ids.size() + " entries after the restart, has " + pending());
        receiver.release();

        assertEachDeliveredOnce(ids, inFlight, 2);
    }

    // ---- helpers

    /** Drops {@code count} events while the receiver is down, and waits until all are in the sink's outbox. */
    private List<String> waitingBehindAnOutage(int count) throws IOException {
        assertEquals("a test starts with an empty outbox", 0, pending());
        receiver.failNext(Integer.MAX_VALUE);
        List<String> ids = inbox.drop(count);
        Await.until(WAIT, () -> pending() == count,
                () -> SINK + " should hold " + count + " waiting entries, has " + pending() + ": " + sink());
        return ids;
    }

    /**
     * Ends the receiver's outage and keeps the next send unanswered there; returns its event. The
     * sink sends nothing else meanwhile: the next send would come from a second worker.
     */
    private String oneSendInFlight() {
        receiver.holdNext();
        receiver.failNext(0);
        Await.until(WAIT, () -> receiver.heldEventId() != null, () -> "no send reached the receiver; " + sink());
        return receiver.heldEventId();
    }

    /**
     * Heals the receiver and waits until the outbox is empty; then each event must have been
     * accepted once, but {@code inFlight}, which may have been accepted up to {@code inFlightAtMost} times.
     */
    private void assertEachDeliveredOnce(Collection<String> ids, String inFlight, int inFlightAtMost) {
        receiver.failNext(0);
        Await.until(WAIT, () -> receiver.deliveriesPerEvent().keySet().containsAll(ids) && pending() == 0,
                () -> "missing " + ids.stream().filter(id -> !receiver.deliveriesPerEvent().containsKey(id)).toList()
                        + "; " + sink());
        Map<String, Long> repeated = new HashMap<>(receiver.repeated(ids));
        long inFlightTimes = repeated.getOrDefault(inFlight, 1L);
        repeated.remove(inFlight);
        assertEquals("events accepted more than once", Map.of(), repeated);
        assertTrue("the event in flight " + inFlight + " was accepted " + inFlightTimes + " times",
                inFlightTimes <= inFlightAtMost);
        // a receiver drops a repeat by its key: the key of an event is the same on every send, whichever version sent it
        Map<String, Set<String>> keys = receiver.idempotencyKeysPerEvent();
        assertEquals("events sent under more than one Idempotency-Key, or none", Map.of(), ids.stream()
                .filter(id -> keys.get(id).size() != 1 || keys.get(id).contains("null"))
                .collect(Collectors.toMap(id -> id, keys::get)));
    }

    private Optional<SinkView> sink() {
        return herald.sinks().stream().filter(s -> s.name().equals(SINK)).findFirst();
    }

    private long pending() {
        return sink().map(SinkView::pending).orElse(0L);
    }

    /** The version of the bundle whose service is the sink now, if one is. */
    private Optional<Version> servingVersion() {
        try {
            return context.getServiceReferences(Sink.class, "(" + Sink.NAME + "=" + SINK + ")").stream()
                    .map(ServiceReference::getBundle).filter(Objects::nonNull).map(Bundle::getVersion).findFirst();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The jar at {@code location}, as the same bundle of another version: a rebuild with a new Bundle-Version. */
    private static byte[] withVersion(String location, Version version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new URL(location).openStream(); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            manifest.getMainAttributes().put(new Attributes.Name(Constants.BUNDLE_VERSION), version.toString());
            try (JarOutputStream rebuilt = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    rebuilt.putNextEntry(new JarEntry(entry.getName()));
                    jar.transferTo(rebuilt);
                    rebuilt.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
