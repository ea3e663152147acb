package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template sees every variable of the event, but the detail (as maps), the time (as text) and
 * the kind's summary are worked out only for a template that reads them.
 */
class LazyTemplateContextTest {
    @TempDir
    Path templates;

    private String render(Event event, String template) throws Exception {
        return render(new TemplateRenderer(templates, TemplateRendererTest::recheckEveryTime), event, template);
    }

    private String render(TemplateRenderer renderer, Event event, String template) throws Exception {
        Files.createDirectories(templates.resolve("k"));
        Files.writeString(templates.resolve("k/default.peb"), template);
        return renderer.render(new Rendering(event, "r1", "sink1", "k", Escape.NONE, null, null, Severity.HIGH, "key1"));
    }

    private static Event event(String text) {
        return Event.builder().id("e1").source("json").instance("in").type("t")
                .time(Instant.parse("2026-11-22T10:00:00.5Z")).parsedWhenRead(text).build();
    }

    @Test
    void aTemplateThatReadsOnlyTheRecordNeverParsesTheDetail() throws Exception {
        assertEquals("not json {", render(event("not json {"), "{{ raw }}"));
        assertEquals("not json {", render(event("not json {"), "{{ event.raw }}"));
    }

    @Test
    void aTemplateThatReadsTheDetailGetsIt() throws Exception {
        assertEquals("3389 2026-11-22T10:00:00.500Z",
                render(event("{\"dst\":{\"port\":3389}}"), "{{ event.detail.dst.port }} {{ event.time }}"));
        TemplateException e = assertThrows(TemplateException.class,
                () -> render(event("not json {"), "{{ event.detail.dst }}"));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void everyVariableIsThereInOrderWhenTheEventIsListed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String listed = render(event("{\"a\":1}"), "{% for key in event.keySet() %}{{ key }}={{ event[key] }};{% endfor %}");
        assertEquals("id=e1;source=json;instance=in;type=t;time=2026-11-22T10:00:00.500Z;severity=info;detail={a=1};"
                + "raw={\"a\":1};", listed);
        assertEquals(json.readTree("{\"a\":1}"), event("{\"a\":1}").detail());
    }

    @Test
    void theSummaryIsWorkedOutOnlyForATemplateThatReadsIt() throws Exception {
        AtomicInteger summaries = new AtomicInteger();
        TemplateRenderer renderer = new TemplateRenderer(templates, TemplateRendererTest::recheckEveryTime);
        renderer.setRecordKinds(RecordKinds.of(new SummaryKind("json", e -> {
            summaries.incrementAndGet();
            return new RecordSummary("port " + e.detail().path("dst").path("port").asText(), null, null, null, null,
                    null, null);
        })));
        Event event = event("{\"dst\":{\"port\":3389}}");

        assertEquals("{\"dst\":{\"port\":3389}}", render(renderer, event, "{{ raw }}"));
        assertEquals(0, summaries.get(), "a template that does not read the summary");
        assertEquals("port 3389 port 3389", render(renderer, event, "{{ summary.title }} {{ summary.title }}"));
        assertEquals(1, summaries.get(), "worked out once for a template that reads it");
    }
}
