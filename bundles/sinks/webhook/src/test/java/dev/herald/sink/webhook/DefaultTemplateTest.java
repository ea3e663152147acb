package dev.herald.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default template is valid Pebble and, rendered the way the contract says core renders a
 * sink with {@code herald.template.escape=json}, produces valid JSON even when the record is full
 * of quotes, backslashes and line breaks. The JSON escaping and {@code tojson} here are test
 * stand-ins for core's.
 */
class DefaultTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersAJsonDocumentWithRouteSinkSeverityEnvelopeAndRaw() throws IOException {
        String raw = "{\"eventName\":\"CreateUser\",\"note\":\"line1\\nline2 \\\"quoted\\\" \\\\ back\"}";
        JsonNode detail = JSON.readTree(raw);
        Event event = Event.builder().id("ev-\"1\"").source("cloudtrail").instance("org-trail").type("CreateUser")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.MEDIUM).detail(detail).raw(raw).build();

        JsonNode body = JSON.readTree(render(Map.of(
                "event", JSON.convertValue(event.envelope(), Map.class),
                "raw", event.raw(),
                "route", "iam \"changes\"",
                "sink", "siem",
                "severity", "high",
                "idempotencyKey", "k-1")));

        assertEquals("iam \"changes\"", body.path("route").asText());
        assertEquals("siem", body.path("sink").asText());
        assertEquals("high", body.path("severity").asText());
        assertEquals("k-1", body.path("idempotencyKey").asText());
        assertEquals(event.envelope(), body.path("event"));
        assertEquals(raw, body.path("raw").asText());
    }

    private static String render(Map<String, Object> context) throws IOException {
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(new ClasspathLoader())
                .autoEscaping(true)
                .addEscapingStrategy("json", DefaultTemplateTest::jsonStringContent)
                .defaultEscapingStrategy("json")
                .extension(new AbstractExtension() {
                    @Override
                    public Map<String, Filter> getFilters() {
                        return Map.of("tojson", new ToJson());
                    }
                })
                .build();
        PebbleTemplate template = engine.getTemplate("templates/default.peb");
        StringWriter out = new StringWriter();
        template.evaluate(out, context);
        return out.toString();
    }

    private static String jsonStringContent(String text) {
        String quoted = JsonNodeFactory.instance.textNode(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    private static final class ToJson implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            try {
                return new SafeString(JSON.writeValueAsString(input));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
