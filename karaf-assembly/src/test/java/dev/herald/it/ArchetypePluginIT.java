package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SinkView;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A plugin made with the sink archetype, outside Herald's build, works in the distribution as
 * docs/plugins.md says: the archetype's integration test generated {@code com.example:herald-sink-acme}
 * from {@code dev.herald:herald-sink-archetype}, built it and installed it into its own repository
 * ({@code archetypes/sink/target/local-repo}, which Karaf here reads as a user's {@code ~/.m2}); this
 * test adds its feature repository, installs its feature, configures it and a route, and sees events
 * from the file source delivered through it to an HTTP receiver.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArchetypePluginIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The coordinates of archetypes/sink/src/test/resources/projects/acme/archetype.properties. */
    private static final String FEATURES = "mvn:com.example/herald-sink-acme/1.0.0-SNAPSHOT/xml/features";
    private static final String TOKEN = "it-acme-token-5b2e";

    @Inject
    private ConfigurationAdmin configs;
    @Inject
    private BundleContext context;
    @Inject
    @Filter(timeout = 120000)
    private BootFinished bootFinished;
    @Inject
    @Filter(timeout = 60000)
    private HeraldAdmin herald;

    @Configuration
    public Option[] config() {
        File repository = new File(System.getProperty("archetype.repository", "../archetypes/sink/target/local-repo"));
        if (!repository.isDirectory()) {
            throw new IllegalStateException("no repository at " + repository + ": run this test through Maven"
                    + " (mvn verify), which runs the sink archetype's integration test first");
        }
        return OptionUtils.combine(HeraldDistribution.options(),
                editConfigurationFileExtend("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        repository.toURI() + "@id=archetype-it@snapshots"));
    }

    @Test
    public void aSinkMadeWithTheArchetypeInstallsAsAFeatureAndDeliversEvents() throws Exception {
        RecordingHttpServer receiver = new RecordingHttpServer();
        Path inbox = Files.createTempDirectory("herald-it-archetype");

        // feature:repo-add and feature:install, as docs/plugins.md's quick start does them (through the
        // service: the test's shell session has no role for the feature commands)
        KarafFeatures features = new KarafFeatures(context);
        features.addRepository(URI.create(FEATURES));
        features.installFeature("herald-sink-acme");
        assertTrue("herald-sink-acme is not installed", features.isInstalled(features.getFeature("herald-sink-acme")));
        configure("dev.herald.sink.acme", "it-acme", props("name", "it-acme", "url", receiver.url("/v1/alerts"),
                "token", TOKEN));
        Await.until(WAIT, () -> state("it-acme").equals("active"), () -> "it-acme is " + state("it-acme") + ": "
                + herald.sinks());
        assertEquals("acme", herald.sinks().stream().filter(s -> s.name().equals("it-acme")).findFirst().get().kind());

        configure("dev.herald.route", "it-acme-route", props("name", "it-acme-route",
                "pattern", "{\"source\":[\"cloudtrail\"],\"instance\":[\"it-acme-files\"]}",
                "sinks", new String[] {"it-acme"}));
        configure("dev.herald.source.file", "it-acme-files", props("name", "it-acme-files",
                "directory", inbox.toString(), "poll_interval", 1, "settle_time", 100));
        Set<String> expected = dropCloudTrailFile(inbox, 3);

        Await.until(WAIT, () -> delivered(receiver).containsAll(expected),
                () -> "delivered " + delivered(receiver) + " of " + expected + "; sinks: " + herald.sinks());
        RecordingHttpServer.Request first = receiver.requests().get(0);
        assertEquals("POST", first.method());
        assertEquals("/v1/alerts", first.path());
        assertEquals("Bearer " + TOKEN, first.authorization());
        JsonNode body = JSON.readTree(first.body());
        // one template for every kind of record: the title is the record kind's summary of the event
        assertTrue("the archetype's default template: " + body,
                body.path("title").asText().startsWith(body.path("event").path("type").asText() + " by ")
                && body.path("title").asText().equals(body.path("summary").path("title").asText()));
        assertEquals("it-acme-route", body.path("route").asText());
    }

    private String state(String sink) {
        return herald.sinks().stream().filter(s -> s.name().equals(sink)).map(SinkView::state).findFirst()
                .orElse("missing");
    }

    private static Set<String> delivered(RecordingHttpServer receiver) {
        return receiver.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("event").path("id").asText();
            } catch (IOException e) {
                throw new AssertionError("the receiver got a body that is not JSON: " + r.body(), e);
            }
        }).collect(Collectors.toSet());
    }

    /** Writes a CloudTrail log file of {@code count} records atomically; returns their ids. */
    private static Set<String> dropCloudTrailFile(Path inbox, int count) throws IOException {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "it-acme-" + i + "-7f3a").collect(Collectors.toList());
        String records = ids.stream().map(id -> "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"userName\":\"alice\"},"
                + "\"eventTime\":\"2026-11-22T10:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\",\"requestParameters\":{\"userName\":\"tmp\"},"
                + "\"eventID\":\"" + id + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                + "\"recipientAccountId\":\"123456789012\"}").collect(Collectors.joining(","));
        Path tmp = Files.createTempFile(inbox.getParent(), "ct", ".tmp");
        Files.writeString(tmp, "{\"Records\":[" + records + "]}", StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("123456789012_CloudTrail_us-east-1_acme.json"), StandardCopyOption.ATOMIC_MOVE);
        return Set.copyOf(ids);
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

}
