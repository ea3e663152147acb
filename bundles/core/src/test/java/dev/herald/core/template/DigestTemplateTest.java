package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A digest is rendered with digest.peb, found where an event's template is, else core's built-in one for the body type. */
class DigestTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "\"</b><script>x</script>\\\n";

    @TempDir
    Path dir;

    private static DigestGroup group(String key, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(TestEvents.event("e" + i, "cloudtrail", "ConsoleLogin" + HOSTILE, "{\"n\":" + i + "}"));
        }
        return new DigestGroup(key, count, events.get(0), events.get(count - 1), events.subList(0, Math.min(10, count)));
    }

    private String render(String kind, Escape escape, SinkResources res, DigestGroup group) throws Exception {
        return new TemplateRenderer(dir.resolve("templates")).render(new Rendering(group.first(), "r1", "sink1", kind,
                escape, null, res, null, Severity.HIGH, "key1", List.of("r1"), Map.of(), group));
    }

    @Test
    void theBuiltInJsonDigestIsJsonWithTheCountAndTheExamples() throws Exception {
        JsonNode body = JSON.readTree(render("acme", Escape.JSON, null, group("type=" + HOSTILE, 12)));
        assertEquals(12, body.path("group").path("count").asInt());
        assertEquals(2, body.path("group").path("more").asInt());
        assertEquals("type=" + HOSTILE, body.path("group").path("key").asText());
        assertEquals(10, body.path("events").size());
        assertEquals("e1", body.path("events").get(0).path("id").asText());
    }

    @Test
    void theBuiltInHtmlDigestEscapesTheEvents() throws Exception {
        String body = render("acme", Escape.HTML, null, group("type=" + HOSTILE, 3));
        assertTrue(body.contains("3 events of group"), body);
        assertFalse(body.contains("<script>"), body);
    }

    @Test
    void aUsersDigestTemplateWinsAndTheEventTemplatesAreNotUsed() throws Exception {
        Path bundle = dir.resolve("bundle/templates");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("cloudtrail.peb"), "one event");
        Files.writeString(bundle.resolve("default.peb"), "one event");
        Files.writeString(bundle.resolve("digest.peb"), "bundle digest of {{ group.count }}");
        SinkResources res = new DirectorySinkResources(dir.resolve("bundle"), "sink.bundle");
        assertEquals("bundle digest of 4", render("acme", Escape.NONE, res, group("k", 4)));

        Files.createDirectories(dir.resolve("templates/acme"));
        Files.writeString(dir.resolve("templates/acme/cloudtrail.peb"), "one event");
        Files.writeString(dir.resolve("templates/acme/digest.peb"), "my digest of {{ group.count }}: {{ group.key }}");
        assertEquals("my digest of 4: k", render("acme", Escape.NONE, res, group("k", 4)));
    }
}
