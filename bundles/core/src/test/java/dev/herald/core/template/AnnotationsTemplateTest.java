package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates see the route's annotations rendered with the event as {@code annotations.<key>},
 * escaped once by the sink's body type, and the catalogue's runbook as {@code runbook}.
 */
class AnnotationsTemplateTest {
    @TempDir
    Path dir;

    private String render(Event event, Escape escape, Map<String, String> annotations, String template)
            throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates/k"));
        Files.writeString(templates.resolve("default.peb"), template);
        return new TemplateRenderer(dir.resolve("templates")).render(new Rendering(event, "root-activity", "sink1",
                "k", escape, null, null, null, Severity.HIGH, "key1", List.of("root-activity"), annotations));
    }

    private static Event trail(String user) {
        return TestEvents.event("1", "cloudtrail", "StopLogging", "{\"userIdentity\":{\"userName\":\"" + user + "\"}}");
    }

    @Test
    void annotationsAreRenderedWithTheEvent() throws Exception {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", "{{ event.detail.userIdentity.userName }} called {{ event.type }} ({{ severity }}, route {{ route }})");
        annotations.put("owner", "cloud-team");
        assertEquals("ann called StopLogging (high, route root-activity) / cloud-team",
                render(trail("ann"), Escape.NONE, annotations, "{{ annotations.summary }} / {{ annotations.owner }}"));
    }

    @Test
    void anAnnotationIsEscapedOnceForTheBody() throws Exception {
        String body = render(trail("a\\\"<b>"), Escape.JSON, Map.of("summary", "by {{ event.detail.userIdentity.userName }}"),
                "{\"text\": \"{{ annotations.summary }}\"}");
        assertEquals("by a\"<b>", TestEvents.JSON.readTree(body).get("text").asText());
    }

    @Test
    void anAnnotationThatFailsToRenderIsLeftOutAndTheBodyStillRenders() throws Exception {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("broken", "{{ 1 / 0 }}");
        annotations.put("owner", "cloud-team");
        assertEquals("[] cloud-team", render(trail("ann"), Escape.NONE, annotations,
                "[{{ annotations.broken }}] {{ annotations.owner }}"));
    }

    @Test
    void aRouteWithoutAnnotationsShowsNone() throws Exception {
        assertEquals("none", render(trail("ann"), Escape.NONE, Map.of(),
                "{% if annotations.summary %}{{ annotations.summary }}{% else %}none{% endif %}"));
    }

    @Test
    void theRunbookOfTheEventIsATemplateVariable() throws Exception {
        ObjectNode enrichment = JsonNodeFactory.instance.objectNode();
        enrichment.putObject("runbook").put("category", "Audit trail").put("guidance", "Restore logging.")
                .put("link", "https://docs.example/StopLogging");
        Event e = trail("ann").toBuilder().enrichment(enrichment).build();
        assertEquals("Audit trail: Restore logging. https://docs.example/StopLogging",
                render(e, Escape.NONE, Map.of(), "{{ runbook.category }}: {{ runbook.guidance }} {{ runbook.link }}"));
        assertEquals("no runbook", render(trail("ann"), Escape.NONE, Map.of(),
                "{% if runbook %}{{ runbook.category }}{% else %}no runbook{% endif %}"));
    }
}
