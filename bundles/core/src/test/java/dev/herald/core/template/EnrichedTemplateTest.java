package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates see what enrichers added as event.enrichment, and nothing when they added nothing. */
class EnrichedTemplateTest {
    @TempDir
    Path dir;

    private String render(Event event, String template) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates/k"));
        Files.writeString(templates.resolve("default.peb"), template);
        return new TemplateRenderer(dir.resolve("templates")).render(
                new Rendering(event, "r1", "sink1", "k", Escape.NONE, null, null, Severity.HIGH, "key1"));
    }

    @Test
    void templatesReadTheEnrichment() throws Exception {
        ObjectNode enrichment = JsonNodeFactory.instance.objectNode();
        enrichment.putObject("geo").put("country", "BR").put("city", "São Paulo");
        Event e = TestEvents.event("1", "cloudtrail", "GetObject", "{}").toBuilder().enrichment(enrichment).build();

        assertEquals("from São Paulo, BR", render(e, "from {{ event.enrichment.geo.city }}, {{ event.enrichment.geo.country }}"));
    }

    @Test
    void anEventWithoutEnrichmentRendersAsBefore() throws Exception {
        Event e = TestEvents.event("1", "cloudtrail", "GetObject", "{}");
        String envelope = render(e, "{{ event | tojson }}|{% if event.enrichment.geo %}geo{% else %}none{% endif %}");
        assertFalse(envelope.contains("enrichment"), envelope);
        assertEquals("none", envelope.substring(envelope.indexOf('|') + 1));
    }
}
