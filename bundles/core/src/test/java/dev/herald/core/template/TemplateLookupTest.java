package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
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

    private String render(TemplateRenderer renderer, VersionedBundle bundle) throws Exception {
        return render(renderer, bundle, null);
    }

    private String render(TemplateRenderer renderer, VersionedBundle bundle, String routeTemplate) throws Exception {
        return renderer.render(new Rendering(event, "r1", "sink1", "syslog", Escape.NONE, "json", bundle,
                routeTemplate, Severity.HIGH, "key1"));
    }

    private void recheckTime() {
        nanos.addAndGet(TemplateLocator.RECHECK_NANOS);
    }

    @Test
    void overridesTakeEffectOnceTheRecheckTimePassedAndBundleUpdatesAtTheNextRender() throws Exception {
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates);
        Path bundleRoot = dir.resolve("bundle");
        Files.createDirectories(bundleRoot.resolve("templates/json"));
        Files.writeString(bundleRoot.resolve("templates/json/default.peb"), "bundle {{ raw }}");
        VersionedBundle bundle = new VersionedBundle(bundleRoot);
        TemplateRenderer renderer = new TemplateRenderer(templates, nanos::get);

        assertEquals("bundle {\"a\":1}", render(renderer, bundle));
        assertEquals("bundle {\"a\":1}", render(renderer, bundle));

        Files.writeString(bundleRoot.resolve("templates/json/cloudtrail.peb"), "bundle 2 {{ event.id }}");
        assertEquals("bundle {\"a\":1}", render(renderer, bundle), "the same bundle version: what was found");
        bundle.version = 2;
        assertEquals("bundle 2 e1", render(renderer, bundle), "an updated bundle is looked up again");

        Files.createDirectories(templates.resolve("syslog/json"));
        Files.writeString(templates.resolve("syslog/json/default.peb"), "override {{ event.type }}");
        nanos.addAndGet(TemplateLocator.RECHECK_NANOS - 1);
        assertEquals("bundle 2 e1", render(renderer, bundle), "before the recheck: what was found");
        nanos.incrementAndGet();
        assertEquals("override t", render(renderer, bundle), "an override dropped in, once the recheck time passed");

        Files.writeString(templates.resolve("syslog/json/default.peb"), "override edited {{ event.type }}");
        Files.setLastModifiedTime(templates.resolve("syslog/json/default.peb"), FileTime.fromMillis(1_000_000));
        recheckTime();
        assertEquals("override edited t", render(renderer, bundle), "an override edited");

        Files.delete(templates.resolve("syslog/json/default.peb"));
        Files.delete(templates.resolve("syslog/json"));
        Files.delete(templates.resolve("syslog"));
        recheckTime();
        assertEquals("bundle 2 e1", render(renderer, bundle), "an override removed");
    }

    @Test
    void aRouteOverrideDroppedInLaterTakesEffectOnceTheRecheckTimePassed() throws Exception {
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates);
        Path bundleRoot = dir.resolve("bundle");
        Files.createDirectories(bundleRoot.resolve("templates/json"));
        Files.writeString(bundleRoot.resolve("templates/json/default.peb"), "bundle {{ raw }}");
        VersionedBundle bundle = new VersionedBundle(bundleRoot);
        TemplateRenderer renderer = new TemplateRenderer(templates, nanos::get);

        assertEquals("bundle {\"a\":1}", render(renderer, bundle, "mine.peb"), "named but missing: the default");
        Files.writeString(templates.resolve("mine.peb"), "route's {{ event.id }}");
        assertEquals("bundle {\"a\":1}", render(renderer, bundle, "mine.peb"), "before the recheck: what was found");
        assertEquals("bundle {\"a\":1}", render(renderer, bundle), "a route without the override");
        recheckTime();
        assertEquals("route's e1", render(renderer, bundle, "mine.peb"));
        assertEquals("bundle {\"a\":1}", render(renderer, bundle), "a route without the override");
    }
}
