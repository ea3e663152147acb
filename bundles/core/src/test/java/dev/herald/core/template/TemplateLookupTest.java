package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template a sink's bundle gives is looked up once per bundle version while no override
 * directory exists; an override, or a new version of the bundle, takes effect at the next render.
 */
class TemplateLookupTest {
    @TempDir
    Path dir;

    private final Event event = Event.builder().id("e1").source("cloudtrail").instance("trail").type("t")
            .time(Instant.parse("2026-11-22T10:00:00Z")).parsedWhenRead("{\"a\":1}").build();

    private String render(TemplateRenderer renderer, VersionedBundle bundle) throws Exception {
        return renderer.render(new Rendering(event, "r1", "sink1", "syslog", Escape.NONE, "json", bundle, null,
                Severity.HIGH, "key1"));
    }

    @Test
    void overridesAndBundleUpdatesTakeEffectAtTheNextRender() throws Exception {
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates);
        Path bundleRoot = dir.resolve("bundle");
        Files.createDirectories(bundleRoot.resolve("templates/json"));
        Files.writeString(bundleRoot.resolve("templates/json/default.peb"), "bundle {{ raw }}");
        VersionedBundle bundle = new VersionedBundle(bundleRoot);
        TemplateRenderer renderer = new TemplateRenderer(templates);

        assertEquals("bundle {\"a\":1}", render(renderer, bundle));
        assertEquals("bundle {\"a\":1}", render(renderer, bundle));

        Files.writeString(bundleRoot.resolve("templates/json/cloudtrail.peb"), "bundle 2 {{ event.id }}");
        assertEquals("bundle {\"a\":1}", render(renderer, bundle), "the same bundle version: what was found");
        bundle.version = 2;
        assertEquals("bundle 2 e1", render(renderer, bundle), "an updated bundle is looked up again");

        Files.createDirectories(templates.resolve("syslog/json"));
        Files.writeString(templates.resolve("syslog/json/default.peb"), "override {{ event.type }}");
        assertEquals("override t", render(renderer, bundle), "an override directory is looked at on every render");

        Files.delete(templates.resolve("syslog/json/default.peb"));
        Files.delete(templates.resolve("syslog/json"));
        Files.delete(templates.resolve("syslog"));
        assertEquals("bundle 2 e1", render(renderer, bundle));
    }
}
