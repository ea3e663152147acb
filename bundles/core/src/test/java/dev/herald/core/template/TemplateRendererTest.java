package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.sink.TemplateFilters;
import dev.herald.core.TestEvents;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {
    static final String NASTY = "He said \"hi\"\\ \n\t<script>alert('x')</script> & <!channel> <@U123> \u2028 end";

    private static final AtomicLong TICKS = new AtomicLong();

    /**
     * A clock for the renderer's template lookups that passes their recheck time on every lookup:
     * these tests write templates between renders and look at the order of the lookups, not at how
     * long what was found is kept ({@link TemplateLookupTest}).
     */
    static long recheckEveryTime() {
        return TICKS.addAndGet(TemplateLocator.RECHECK_NANOS);
    }

    @TempDir
    Path dir;
    Path templates;
    TemplateRenderer renderer;
    Event event;

    @BeforeEach
    void setUp() throws Exception {
        templates = Files.createDirectories(dir.resolve("templates"));
        renderer = new TemplateRenderer(templates, TemplateRendererTest::recheckEveryTime);
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("msg", NASTY);
        detail.putObject("userIdentity").put("arn", "arn:aws:iam::1:user/ann");
        detail.putArray("tags").add("a").add("b");
        event = Event.builder().id("e1").source("cloudtrail").instance("trail").type("CreateUser")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW).detail(detail)
                .raw(detail.toString()).build();
    }

    private Rendering rendering(Escape escape, String kind, SinkResources res, String routeTemplate) {
        return new Rendering(event, "r1", "sink1", kind, escape, res, routeTemplate, Severity.HIGH, "key1");
    }

    private String render(Escape escape, String template) throws Exception {
        Files.createDirectories(templates.resolve("k"));
        Path f = templates.resolve("k/default.peb");
        Files.writeString(f, template);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + template.hashCode()));
        return renderer.render(rendering(escape, "k", null, null));
    }

    private static JsonNode json(String s) {
        return TestEvents.json(s);
    }

    @Test
    void templatesSeeTheSummaryOfTheEventsKindAndTheGenericOneWithoutIt() throws Exception {
        String template = "{{ summary.title }}|{{ summary.actor | default('-') }}|{{ summary.link | default('-') }}";
        assertEquals("CreateUser from trail|-|-", render(Escape.NONE, template), "no kind for cloudtrail here");

        renderer.setRecordKinds(RecordKinds.of(new SummaryKind("cloudtrail", e -> new RecordSummary(e.type()
                + " by ann", e.detail().path("userIdentity").path("arn").asText(), null, null, null, null,
                "https://console.example/" + e.id()))));
        assertEquals("CreateUser by ann|arn:aws:iam::1:user/ann|https://console.example/e1",
                render(Escape.NONE, template));
    }

    @Test
    void aTemplateWritingWithoutEndStopsWithAClearError() {
        TemplateException e = assertThrows(TemplateException.class, () -> render(Escape.NONE,
                "{% for i in range(1, 1000) %}{% for j in range(1, 1000) %}{{ raw }}{% endfor %}{% endfor %}"));
        assertTrue(e.getMessage().contains("the body grew past "
                + (TemplateRenderer.BASE_BODY_CHARS + TemplateRenderer.BODY_CHARS_PER_RAW_CHAR * event.raw().length())
                + " characters"), e.getMessage());
        assertTrue(e.getMessage().contains("k/default.peb"), "names the template: " + e.getMessage());
    }

    @Test
    void jsonAutoescapingKeepsTheBodyValid() throws Exception {
        String body = render(Escape.JSON, "{\"text\": \"{{ event.detail.msg }}\", \"arn\": \"{{ event.detail.userIdentity.arn }}\"}");
        JsonNode parsed = json(body);
        assertEquals(NASTY, parsed.get("text").asText());
        assertEquals("arn:aws:iam::1:user/ann", parsed.get("arn").asText());
    }

    @Test
    void jsonFilterIsNotEscapedTwiceAndTojsonIsLiteral() throws Exception {
        String body = render(Escape.JSON, "{\"a\": \"{{ event.detail.msg | json }}\", \"d\": {{ event.detail | tojson }},"
                + " \"t\": {{ event.detail.tags | tojson }}, \"raw\": {{ raw | tojson }}}");
        JsonNode parsed = json(body);
        assertEquals(NASTY, parsed.get("a").asText());
        assertEquals(event.detail(), parsed.get("d"));
        assertEquals("b", parsed.get("t").get(1).asText());
        assertEquals(event.raw(), parsed.get("raw").asText());
    }

    @Test
    void mrkdwnEscapesSlackControlCharactersInsideJson() throws Exception {
        String body = render(Escape.JSON, "{\"text\": \"{{ event.detail.msg | mrkdwn }}\"}");
        String text = json(body).get("text").asText();
        assertTrue(text.contains("&amp; &lt;!channel&gt; &lt;@U123&gt;"), text);
        assertTrue(!text.contains("<"), text);
    }

    @Test
    void htmlAutoescaping() throws Exception {
        String body = render(Escape.HTML, "<p>{{ event.detail.msg }}</p><p>{{ event.detail.msg | html }}</p>");
        assertTrue(!body.contains("<script>"), body);
        assertTrue(body.contains("&lt;script&gt;"), body);
        assertEquals(2, body.split("&lt;script&gt;", -1).length - 1, "the html filter is not applied twice");
    }

    @Test
    void noEscapingAndTruncate() throws Exception {
        assertEquals("He sa… high key1 r1 sink1",
                render(Escape.NONE, "{{ event.detail.msg | truncate(6) }} {{ severity }} {{ idempotencyKey }} {{ route }} {{ sink }}"));
    }

    @Test
    void templateErrorNamesFileAndLine() throws Exception {
        TemplateException e = assertThrows(TemplateException.class, () -> render(Escape.NONE, "ok\n{% if %}\n"));
        assertTrue(e.getMessage().contains("k/default.peb") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void lookupOrder() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle/templates"));
        SinkResources res = new DirectorySinkResources(dir.resolve("bundle"), "sink.bundle");
        Rendering r = rendering(Escape.NONE, "slack", res, "custom/mine.peb");
        assertTrue(renderer.render(r).startsWith("[HIGH] cloudtrail CreateUser"), "built-in default last");
        Files.writeString(bundle.resolve("default.peb"), "bundle default");
        assertEquals("bundle default", renderer.render(r));
        Files.writeString(bundle.resolve("cloudtrail.peb"), "bundle cloudtrail");
        assertEquals("bundle cloudtrail", renderer.render(r));
        Files.createDirectories(templates.resolve("slack"));
        Files.writeString(templates.resolve("slack/default.peb"), "etc default");
        assertEquals("etc default", renderer.render(r));
        Files.writeString(templates.resolve("slack/cloudtrail.peb"), "etc cloudtrail");
        assertEquals("etc cloudtrail", renderer.render(r));
        Files.createDirectories(templates.resolve("custom"));
        Files.writeString(templates.resolve("custom/mine.peb"), "route override");
        assertEquals("route override", renderer.render(r));
    }

    @Test
    void templateSetIsTriedBeforeThePlainTemplates() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle/templates/cef"));
        SinkResources res = new DirectorySinkResources(dir.resolve("bundle"), "sink.bundle");
        Rendering r = new Rendering(event, "r1", "sink1", "syslog", Escape.NONE, "cef", res, null, Severity.HIGH, "key1");
        Files.writeString(bundle.resolveSibling("cloudtrail.peb"), "plain cloudtrail");
        assertEquals("plain cloudtrail", renderer.render(r), "a set without templates falls back to the plain ones");
        Files.writeString(bundle.resolve("default.peb"), "cef default");
        assertEquals("cef default", renderer.render(r));
        Files.writeString(bundle.resolve("cloudtrail.peb"), "cef cloudtrail");
        assertEquals("cef cloudtrail", renderer.render(r));
        Files.createDirectories(templates.resolve("syslog/cef"));
        Files.writeString(templates.resolve("syslog/cef/default.peb"), "etc cef default");
        assertEquals("etc cef default", renderer.render(r));
        Rendering other = new Rendering(event, "r1", "sink1", "syslog", Escape.NONE, "leef", res, null, Severity.HIGH, "key1");
        assertEquals("plain cloudtrail", renderer.render(other), "another set does not see cef's templates");
    }

    @Test
    void editsArePickedUp() throws Exception {
        assertEquals("one", render(Escape.NONE, "one"));
        assertEquals("two!", render(Escape.NONE, "two!"));
    }

    /**
     * Templates that print the record and nothing else get their body without Pebble; it must be
     * what Pebble writes, white space it keeps and newlines it trims included.
     */
    @Test
    void aTemplateThatPrintsOnlyTheRecordGivesWhatPebbleWrites() throws Exception {
        PebbleEngine pebble = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false).build();
        for (String template : List.of("{{ raw }}", "{#- the record as received -#}\n{{ raw }}\n", "  {{raw}}  \n",
                "\n{{- raw -}}\n\n", "{# a #}\r\n{{ raw }}{# b #} {# c\n#}\n", "\t{{ raw }}\n\n")) {
            StringWriter expected = new StringWriter();
            pebble.getTemplate(template).evaluate(expected, Map.of("raw", event.raw()));
            assertEquals(expected.toString(), render(Escape.NONE, template), "template " + template.replace("\n", "\\n"));
        }
    }

    @Test
    void aTemplateThatDoesMoreThanPrintTheRecordIsRenderedInFull() throws Exception {
        assertEquals(event.raw() + " r1", render(Escape.NONE, "{{ raw }} {{ route }}"));
        assertEquals(event.raw().toUpperCase(Locale.ROOT), render(Escape.NONE, "{{ raw | upper }}"));
        assertEquals(event.raw() + "{{ raw }}", render(Escape.NONE, "{{ raw }}{% verbatim %}{{ raw }}{% endverbatim %}"));
        assertEquals("sink1" + event.raw(), render(Escape.NONE, "{# a #}{{ sink }}{{ raw }}"));
        String html = render(Escape.HTML, "{{ raw }}");
        assertTrue(html.contains("&lt;script&gt;") && !html.contains("<script>"), "escaped for the body type: " + html);
    }

    @Test
    void builtInJsonDefaultIsValidJson() throws Exception {
        JsonNode body = json(renderer.render(rendering(Escape.JSON, null, null, null)));
        assertEquals("CreateUser", body.get("type").asText());
        assertEquals(event.detail(), body.get("detail"));
    }

    @Test
    void aPluginsFiltersJoinEveryEngineWhileRegisteredAndCannotReplaceABuiltInOne() throws Exception {
        TemplateFilters shout = () -> Map.of("shout", (input, args) -> input.toUpperCase() + "!",
                "json", (input, args) -> "replaced");
        TemplateException before = assertThrows(TemplateException.class, () -> render(Escape.NONE, "{{ event.type | shout }}"));
        assertTrue(before.getMessage().contains("shout"), before.getMessage());

        renderer.addFilters(shout);
        assertEquals("CREATEUSER!", render(Escape.NONE, "{{ event.type | shout }}"));
        assertEquals("{\"t\":\"A\\\"B!\"}", renderWithDetail(Escape.JSON, "a\"b", "{\"t\":\"{{ event.detail.v | shout }}\"}"),
                "the body's escaping follows a plugin's filter");
        assertEquals("a\\\"b", render(Escape.NONE, "{{ 'a\"b' | json }}"), "json stays Herald's");

        renderer.removeFilters(shout);
        assertThrows(TemplateException.class, () -> render(Escape.NONE, "{{ event.type | shout }}"));
    }

    private String renderWithDetail(Escape escape, String value, String template) throws Exception {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("v", value);
        event = Event.builder().id("e2").source("json").instance("i").type("t")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW).detail(detail)
                .raw(detail.toString()).build();
        return render(escape, template);
    }
}
