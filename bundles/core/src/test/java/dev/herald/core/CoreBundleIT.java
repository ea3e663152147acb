package dev.herald.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.sink.TemplateFilters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in a real OSGi framework (Felix, SCR, Config Admin, Metatype): its manifest
 * resolves against what Karaf provides, its components activate, a route configured live routes
 * an appended event to a sink service that appears later.
 */
class CoreBundleIT {
    /** What the test shares with the bundles through the system bundle, as Karaf's bundles would provide it. */
    private static final String SHARED = String.join(",",
            "org.osgi.service.cm;version=1.6.1", "org.osgi.service.component;version=1.5.1",
            "org.osgi.service.component.runtime;version=1.5.1", "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.service.metatype;version=1.4.1", "dev.herald.api;version=1.8.0", "dev.herald.api.enrich;version=1.1.0", "dev.herald.api.admin;version=1.4.0",
            "dev.herald.api.text;version=1.1.0", "dev.herald.api.secret;version=1.0.0", "dev.herald.api.sink;version=1.1.0",
            "dev.herald.api.source;version=2.0.0", "dev.herald.api.record;version=2.1.0",
            "com.fasterxml.jackson.core;version=2.22.4", "com.fasterxml.jackson.core.io;version=2.22.4",
            "com.fasterxml.jackson.databind;version=2.22.4", "com.fasterxml.jackson.databind.node;version=2.22.4");
    /** slf4j 2 finds its provider with the Service Loader Mediator, which Karaf's pax-logging replaces. */
    private static final String SERVICE_LOADER = "osgi.extender;osgi.extender=osgi.serviceloader.processor;version:Version=1.0,"
            + "osgi.extender;osgi.extender=osgi.serviceloader.registrar;version:Version=1.0";

    @TempDir
    Path dir;
    Framework framework;
    BundleContext context;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("karaf.data", dir.resolve("data").toString());
        System.setProperty("karaf.etc", dir.resolve("etc").toString());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString(),
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED,
                Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA, SERVICE_LOADER));
        framework.start();
        context = framework.getBundleContext();
        File[] jars = new File(System.getProperty("herald.it.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        Arrays.sort(jars);
        List<Bundle> bundles = new ArrayList<>();
        for (File jar : jars) {
            bundles.add(context.installBundle(jar.toURI().toString()));
        }
        bundles.add(context.installBundle(new File(System.getProperty("herald.core.bundle")).toURI().toString()));
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
        System.clearProperty("karaf.data");
        System.clearProperty("karaf.etc");
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(10_000);
        assertNotNull(s, type.getName() + " is registered");
        return s;
    }

    @Test
    void routesAnAppendedEventToASinkThatAppearsLaterAndRendersWithAPluginsFilter() throws Exception {
        Bundle core = Arrays.stream(context.getBundles()).filter(b -> "dev.herald.core".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, core.getState());

        Configuration route = service(ConfigurationAdmin.class).createFactoryConfiguration("dev.herald.route", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", "alerts");
        props.put("pattern", "{\"source\":[\"json\"],\"detail\":{\"kind\":[\"alert\"]}}");
        props.put("sinks", new String[] {"it-sink"});
        route.update(props);
        HeraldAdmin admin = service(HeraldAdmin.class);
        Await.until("the route is configured", () -> admin.routes().size() == 1);

        Journal journal = service(Journal.class);
        assertEquals(2, journal.append("it", List.of(
                TestEvents.event("a1", "json", "t", "{\"kind\":\"alert\",\"msg\":\"say \\\"hi\\\"\"}"),
                TestEvents.event("n1", "json", "t", "{\"kind\":\"noise\"}")), Checkpoint.of("1")));
        assertEquals(Map.of("", "1"), journal.checkpoints("it"));
        assertEquals(1, admin.overview().pending(), "the entry waits for its sink");

        List<Notification> received = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> sinkProps = new Hashtable<>();
        sinkProps.put(Sink.NAME, "it-sink");
        sinkProps.put(Sink.TEMPLATE_ESCAPE, "json");
        context.registerService(Sink.class, received::add, sinkProps);
        Await.until("the sink received the alert", () -> received.size() == 1);
        Event delivered = received.get(0).event();
        assertEquals("a1", delivered.id());
        assertEquals("say \"hi\"", TestEvents.json(received.get(0).body()).get("detail").get("msg").asText());
        Await.until("the delivery is recorded", () -> admin.overview().pending() == 0);
        assertTrue(admin.overview().problems().isEmpty(), admin.overview().problems().toString());
        aFilterAnotherBundleRegistersRendersItsSinksTemplates(admin);

        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(core)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                assertTrue(c.state != ComponentConfigurationDTO.FAILED_ACTIVATION, d.name + ": " + c.failure);
            }
        }
    }

    /**
     * A filter another bundle registers renders a sink's templates. A second phase of the test
     * above, not a test of its own: a second framework in this JVM cannot register core's
     * components (its SCR meets the first one's promise classes).
     */
    private void aFilterAnotherBundleRegistersRendersItsSinksTemplates(HeraldAdmin admin) throws Exception {
        Path kindTemplates = Files.createDirectories(dir.resolve("etc/herald/templates/it"));
        Files.writeString(kindTemplates.resolve("default.peb"), "{{ event.id | shout }} {{ summary.title }}");
        Configuration route = service(ConfigurationAdmin.class).createFactoryConfiguration("dev.herald.route", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", "shouting");
        props.put("pattern", "{\"source\":[\"loud\"]}");
        props.put("sinks", new String[] {"it-shout"});
        route.update(props);
        Await.until("the second route is configured", () -> admin.routes().size() == 2);
        TemplateFilters shout = () -> Map.of("shout", (input, args) -> input.toUpperCase(Locale.ROOT) + "!");
        context.registerService(TemplateFilters.class, shout, null);

        List<Notification> received = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> sinkProps = new Hashtable<>();
        sinkProps.put(Sink.NAME, "it-shout");
        sinkProps.put("service.factoryPid", "dev.herald.sink.it");
        context.registerService(Sink.class, received::add, sinkProps);
        service(Journal.class).append("it", List.of(TestEvents.event("l1", "loud", "t", "{}")), Checkpoint.of("2"));
        Await.until("the shouting sink received the event", () -> received.size() == 1);
        assertEquals("L1! t from test-src", received.get(0).body(), "no kind named loud: the generic summary");
        aRecordKindAnotherBundleRegistersIsRecognisedAndSummarised(admin, received);
    }

    /**
     * A record kind another bundle registers is tried by core's {@link RecordKinds} service, which
     * sources read through, and gives the summary the sink's template shows. A third phase of the test
     * above, for the same reason.
     */
    private void aRecordKindAnotherBundleRegistersIsRecognisedAndSummarised(HeraldAdmin admin, List<Notification> received)
            throws Exception {
        RecordKinds kinds = service(RecordKinds.class);
        JsonNode record = TestEvents.json("{\"loud_id\":\"l2\"}");
        assertEquals("json", kinds.recognizer().kind(record), "no kind yet");
        RecordKind loud = new RecordKind() {
            @Override
            public String name() {
                return "loud";
            }

            @Override
            public boolean accepts(JsonNode r) {
                return r.has("loud_id");
            }

            @Override
            public List<Event> events(JsonNode r, String raw, String instance, String fallbackId) {
                return List.of(TestEvents.event(r.get("loud_id").asText(), "loud", "t", raw));
            }

            @Override
            public RecordSummary summary(Event event) {
                return new RecordSummary("a loud " + event.id(), null, null, null, null, null, null);
            }
        };
        Hashtable<String, Object> kindProps = new Hashtable<>();
        kindProps.put(RecordKind.NAME, "loud");
        kindProps.put(Constants.SERVICE_RANKING, 100);
        ServiceRegistration<RecordKind> registration = context.registerService(RecordKind.class, loud, kindProps);
        Await.until("core tracks the kind", () -> kinds.kind("loud").isPresent());
        List<Event> events = kinds.recognizer().events(record, record.toString(), "it", "f:1");
        assertEquals("loud", events.get(0).source());
        service(Journal.class).append("it", events, Checkpoint.of("3"));
        Await.until("the shouting sink received the recognised event", () -> received.size() == 2);
        assertEquals("L2! a loud l2", received.get(1).body());
        registration.unregister();
        Await.until("core lets the kind go", () -> kinds.kind("loud").isEmpty());
        assertEquals("json", kinds.recognizer().kind(record));
        assertTrue(admin.overview().problems().stream().anyMatch(p -> p.subject().equals("record kind loud")),
                "the status says why its records are generic JSON now: " + admin.overview().problems());
    }
}
