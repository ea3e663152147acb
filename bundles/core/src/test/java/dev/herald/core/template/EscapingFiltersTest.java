package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.core.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filters that fit hostile event content into a vendor's format: each one's output, rendered
 * by the engine as the dispatcher renders it, for values holding the characters that format gives
 * a meaning to.
 */
class EscapingFiltersTest {
    @TempDir
    Path templates;

    private String render(Escape escape, String value, String template) throws Exception {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("v", value);
        Event event = Event.builder().id("e1").source("json").instance("i").type("t")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW).detail(detail)
                .raw(detail.toString()).build();
        Path f = Files.createDirectories(templates.resolve("k")).resolve("default.peb");
        Files.writeString(f, template);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + template.hashCode()));
        return new TemplateRenderer(templates).render(new Rendering(event, "r", "s", "k", escape, null, null,
                Severity.LOW, "key"));
    }

    private String none(String value, String filter) throws Exception {
        return render(Escape.NONE, value, "{{ event.detail.v | " + filter + " }}");
    }

    @Test
    void truncateAfterEscapingNeverCutsAnEntityInHalf() throws Exception {
        String amps = "&".repeat(1500);
        String cut = TestEvents.json(render(Escape.JSON, amps, "{\"t\": \"{{ event.detail.v | mrkdwn | truncate(3000) }}\"}"))
                .get("t").asText();
        assertTrue(cut.length() <= 3000, "at most 3000 characters, was " + cut.length());
        assertEquals("&amp;".repeat(599) + "…", cut, "whole entities only, then the ellipsis");
        for (int max = 2; max <= 12; max++) {
            String s = none("<&>'", "html | truncate(" + max + ")");
            assertTrue(s.length() <= max, s);
            assertTrue(s.matches("(&(lt|amp|gt|#39);)*…?"), "max " + max + ": " + s);
        }
        assertEquals("a&b…", none("a&b&c&d", "truncate(4)"), "a lone & in plain text is no entity");
        assertEquals("x\ud83d\udea8…", none("x\ud83d\udea8\ud83d\udea8", "truncate(4)"), "nor a surrogate pair");
    }

    @Test
    void markdownEscapesWhatCommonMarkWouldRender() throws Exception {
        assertEquals("\\[Approve\\]\\(https://evil)", none("[Approve](https://evil)", "markdown"));
        assertEquals("\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\<b\\> \\~s\\~ a\\\\b", none("**b** _i_ `c` <b> ~s~ a\\b", "markdown"));
        assertEquals("rule_set.update \\_x\\_ snake_case\\_ \\_\\_y\\_\\_", none("rule_set.update _x_ snake_case_ __y__", "markdown"),
                "an underscore inside a word cannot be emphasis and stays as it is");
        assertEquals("\\# h\n\\- a\r  \\+ b\n1\\. c\n22\\) d\n\\=== x-y #5 3.5", none("# h\n- a\r  + b\n1. c\n22) d\n=== x-y #5 3.5",
                "markdown"));
    }
}
