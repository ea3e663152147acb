package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template found is kept for {@link TemplateLocator#RECHECK_NANOS}: an override dropped in,
 * edited or removed takes effect once that has passed; a new version of the sink's bundle at the
 * next render.
 */
class TemplateLookupTest {
    @TempDir
    Path dir;

    /** The renderer's clock of rechecks, moved by the test. */
    private final AtomicLong nanos = new AtomicLong(1_000);

    private final Event event = Event.builder().id("e1").source("cloudtrail").instance("trail").type("t")
            .time(Instant.parse("2026-11-22T10:00:00Z")).parsedWhenRead("{\"a\":1}").build();

    /** The override directory, empty at first. */
    private Path templates;
    /** The sink bundle's root: a default json template that shows the raw text. */
    private Path bundleRoot;
    private VersionedBundle bundle;
    private TemplateRenderer renderer;

    @BeforeEach
    void sinkBundleWithADefaultTemplateAndNoOverrides() throws Exception {
        templates = Files.createDirectories(dir.resolve("templates"));
        bundleRoot = dir.resolve("bundle");
        Files.createDirectories(bundleRoot.resolve("templates/json"));
        Files.writeString(bundleRoot.resolve("templates/json/default.peb"), "bundle {{ raw }}");
        bundle = new VersionedBundle(bundleRoot);
        renderer = new TemplateRenderer(templates, nanos::get);
    }

    private String render() throws Exception {
        return render(null);
    }

    private String render(String routeTemplate) throws Exception {
        return renderer.render(new Rendering(event, "r1", "sink1", "syslog", Escape.NONE, "json", bundle,
                routeTemplate, Severity.HIGH, "key1"));
    }

    private void recheckTime() {
        nanos.addAndGet(TemplateLocator.RECHECK_NANOS);
    }

    @Test
    void overridesTakeEffectOnceTheRecheckTimePassedAndBundleUpdatesAtTheNextRender() throws Exception {
        assertEquals("bundle {\"a\":1}", render());
        assertEquals("bundle {\"a\":1}", render());

        Files.writeString(bundleRoot.resolve("templates/json/cloudtrail.peb"), "bundle 2 {{ event.id }}");
        assertEquals("bundle {\"a\":1}", render(), "the same bundle version: what was found");
        bundle.version = 2;
        assertEquals("bundle 2 e1", render(), "an updated bundle is looked up again");

        Files.createDirectories(templates.resolve("syslog/json"));
        Files.writeString(templates.resolve("syslog/json/default.peb"), "override {{ event.type }}");
        nanos.addAndGet(TemplateLocator.RECHECK_NANOS - 1);
        assertEquals("bundle 2 e1", render(), "before the recheck: what was found");
        nanos.incrementAndGet();
        assertEquals("override t", render(), "an override dropped in, once the recheck time passed");

        Files.writeString(templates.resolve("syslog/json/default.peb"), "override edited {{ event.type }}");
        Files.setLastModifiedTime(templates.resolve("syslog/json/default.peb"), FileTime.fromMillis(1_000_000));
        recheckTime();
        assertEquals("override edited t", render(), "an override edited");

        Files.delete(templates.resolve("syslog/json/default.peb"));
        Files.delete(templates.resolve("syslog/json"));
        Files.delete(templates.resolve("syslog"));
        recheckTime();
        assertEquals("bundle 2 e1", render(), "an override removed");
    }

    @Test
    void aRouteOverrideDroppedInLaterTakesEffectOnceTheRecheckTimePassed() throws Exception {
        assertEquals("bundle {\"a\":1}", render("mine.peb"), "named but missing: the default");
        Files.writeString(templates.resolve("mine.peb"), "route's {{ event.id }}");
        assertEquals("bundle {\"a\":1}", render("mine.peb"), "before the recheck: what was found");
        assertEquals("bundle {\"a\":1}", render(), "a route without the override");
        recheckTime();
        assertEquals("route's e1", render("mine.peb"));
        assertEquals("bundle {\"a\":1}", render(), "a route without the override");
    }
}
