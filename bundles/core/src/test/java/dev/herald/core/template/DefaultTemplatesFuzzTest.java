package dev.herald.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every default template of every sink (found on disk next to this module, {@code
 * bundles/sinks/<kind>/src/main/resources/templates/[<set>/]<source>.peb}, rendered with the body
 * type the sink declares in its {@code herald.template.escape} property) on a record of each kind
 * whose every string holds hostile text, as the dispatcher renders them. The output must stay
 * valid for its body type whatever the text:
 * <ul>
 *   <li>a JSON body parses as one JSON value, and the HTML inside a mail holds the template's tags
 *       only;</li>
 * </ul>
 * The syslog sink's formats escape with filters of its own bundle (not core's), so its
 * TemplatesFuzzTest checks them.
 * The input is the hostile text: its lines are spread over the record's strings (a line that is
 * a number goes into the numbers too), the event's id, type and instance.
 */
class DefaultTemplatesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Path SINKS = Path.of("../sinks");
    private static final Path DEMO = Path.of("../../karaf-assembly/src/main/resources/assembly/demo/inbox");
    private static final Pattern ESCAPE_PROPERTY = Pattern.compile("@TemplateEscape\\(Escaping\\.(\\w+)\\)");
    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*([A-Za-z!][A-Za-z0-9-]*)");
    /**
     * Longer hostile records are skipped to keep each fuzz run fast: they test no more escaping.
     * How the largest records render is {@link #everyDefaultTemplateRendersTheLargestRecordASourceAccepts}.
     */
    private static final int MAX_RAW_CHARS = 64 * 1024;
    private static final List<Template> TEMPLATES = templates();
    private static final Map<String, JsonNode> RECORDS = records();
    private static final TemplateRenderer RENDERER;

    static {
        try {
            RENDERER = new TemplateRenderer(Files.createTempDirectory("no-user-templates"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One template set of one sink. */
    private record Template(String kind, Escape escape, String set, SinkResources resources) {
    }

    @FuzzTest(maxDuration = "30s")
    void everyDefaultTemplateStaysValidForItsBodyType(byte[] input) throws Exception {
        List<String> hostile = List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
        assertFalse(TEMPLATES.isEmpty(), "no sink templates found under " + SINKS.toAbsolutePath());
        for (Map.Entry<String, JsonNode> record : RECORDS.entrySet()) {
            Event event = event(record.getKey(), record.getValue(), hostile, UnaryOperator.identity());
            if (event.raw().length() > MAX_RAW_CHARS) {
                continue;
            }
            Event twin = event(record.getKey(), record.getValue(), hostile, DefaultTemplatesFuzzTest::harmless);
            for (Template t : TEMPLATES) {
                String body = render(t, event);
                String where = t + " on a " + record.getKey() + " record: " + body;
                if (t.escape() == Escape.JSON) {
                    JsonNode parsed = JSON.readTree(body);
                    if (parsed != null && parsed.has("html")) {
                        assertEquals(tags(JSON.readTree(render(t, twin)).path("html").asText()),
                                tags(parsed.path("html").asText()), "HTML tags of " + where);
                    }
                }
            }
        }
    }

    /**
     * The largest record a source accepts by default (just under {@code max_record_bytes}, 1 MiB)
     * renders in every default template, whatever it holds: one string of the record is filled
     * with text each body type escapes most (control characters, quotes, markup) or none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\"", "<&'", "\\", "x"})
    void everyDefaultTemplateRendersTheLargestRecordASourceAccepts(String filler) throws Exception {
        for (Map.Entry<String, JsonNode> record : RECORDS.entrySet()) {
            Event event = largest(record.getKey(), record.getValue(), filler);
            for (Template t : TEMPLATES) {
                String body = render(t, event);
                if (t.escape() == Escape.JSON) {
                    JSON.readTree(body);
                }
            }
        }
    }

    /** The record with its first string padded with {@code filler} to just under 1 MiB of raw text. */
    private static Event largest(String source, JsonNode record, String filler) {
        ObjectNode detail = (ObjectNode) record.deepCopy();
        String field = firstTextField(detail);
        int base = utf8Length(detail.toString());
        int perFiller = utf8Length(JSON.getNodeFactory().textNode(filler).toString()) - 2;
        String pad = filler.repeat((RecordReader.DEFAULT_MAX_RECORD_BYTES - 1 - base) / perFiller);
        detail.put(field, detail.path(field).asText() + pad);
        String raw = detail.toString();
        assertTrue(utf8Length(raw) < RecordReader.DEFAULT_MAX_RECORD_BYTES
                && utf8Length(raw) > RecordReader.DEFAULT_MAX_RECORD_BYTES - 64, "just under 1 MiB: " + utf8Length(raw));
        return Event.builder().id("largest").source(source).instance("in").type("t")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.HIGH).detail(detail).raw(raw).build();
    }

    private static String firstTextField(ObjectNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isTextual()) {
                return f.getKey();
            }
        }
        throw new AssertionError("no string at the top of " + object);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> tags(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + m.group(2).toLowerCase());
        }
        return out;
    }

    private static String render(Template t, Event event) throws TemplateException {
        return RENDERER.render(new Rendering(event, "r1", "s1", t.kind(), t.escape(), t.set(), t.resources(), null,
                event.severity(), "k-1"));
    }

    /**
     * The record with its strings (and numbers, where a line is one) replaced by the hostile
     * lines in turn, passed through {@code shape}.
     */
    private static Event event(String source, JsonNode record, List<String> hostile, UnaryOperator<String> shape) {
        Iterator<String> lines = Stream.generate(hostile::stream).flatMap(s -> s).map(shape).iterator();
        JsonNode detail = replace(record.deepCopy(), lines);
        Severity[] severities = Severity.values();
        // an event always has an id, instance and type (Event refuses empty ones): a letter before each
        return Event.builder().id("i" + lines.next()).source(source).instance("n" + lines.next()).type("t" + lines.next())
                .time(Instant.parse("2026-11-22T10:00:00Z"))
                .severity(severities[Math.floorMod(hostile.hashCode(), severities.length)])
                .detail(detail).raw(detail.toString()).build();
    }

    private static JsonNode replace(JsonNode node, Iterator<String> lines) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, replace(object.get(name), lines)));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), lines));
            }
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(lines.next());
        }
        if (node.isNumber()) {
            String line = lines.next();
            try {
                return JSON.getNodeFactory().numberNode(new BigDecimal(line.strip()));
            } catch (NumberFormatException notANumber) {
                return node;
            }
        }
        return node;
    }

    /**
     * Text of the same shape that no format needs to escape: letters, digits and dots stay, what
     * String.trim() removes (U+0000 to U+0020, as Pebble's trim and empty do) becomes a space,
     * the rest x; so a template that tests a value (empty, equal to a word, a number) takes the
     * same branch.
     */
    private static String harmless(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c < 128 && Character.isLetterOrDigit(c) || c == '.' ? (char) c
                : c <= ' ' ? ' ' : 'x'));
        return out.toString();
    }

    private static List<Template> templates() {
        List<Template> out = new ArrayList<>();
        try (Stream<Path> sinks = Files.list(SINKS)) {
            for (Path sink : sinks.sorted().toList()) {
                Path root = sink.resolve("src/main/resources");
                Path templates = root.resolve("templates");
                if (!Files.isDirectory(templates)) {
                    continue;
                }
                String kind = sink.getFileName().toString();
                if (kind.equals("syslog")) {
                    continue;
                }
                Escape escape = declaredEscape(sink.resolve("src/main/java"));
                SinkResources resources = new DirectorySinkResources(root, kind);
                try (Stream<Path> entries = Files.list(templates)) {
                    List<Path> sets = entries.filter(Files::isDirectory).sorted().toList();
                    if (hasTemplates(templates)) {
                        out.add(new Template(kind, escape, null, resources));
                    }
                    for (Path set : sets) {
                        out.add(new Template(kind, escape, set.getFileName().toString(), resources));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean hasTemplates(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".peb"));
        }
    }

    /** The body type the sink's component declares ({@code @TemplateEscape(Escaping.JSON)}). */
    private static Escape declaredEscape(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ESCAPE_PROPERTY.matcher(Files.readString(f));
                if (m.find()) {
                    return Escape.of(m.group(1));
                }
            }
        }
        throw new AssertionError("no sink component declaring herald.template.escape under " + sources);
    }

    /** A demo record of each kind Herald has templates for, and a generic one. */
    private static Map<String, JsonNode> records() {
        try {
            return new TreeMap<>(Map.of(
                    "pce", JSON.readTree(Files.readAllLines(DEMO.resolve("pce-audit-events.jsonl")).get(1)),
                    "illumio-flow", JSON.readTree(Files.readAllLines(DEMO.resolve("illumio-flows.jsonl")).get(0)),
                    "cloudtrail", JSON.readTree(DEMO.resolve("cloudtrail-123456789012.json").toFile())
                            .path("Records").get(1),
                    "securityhub", JSON.readTree(DEMO.resolve("securityhub-findings.json").toFile())
                            .path("detail").path("findings").get(0),
                    "json", JSON.readTree("{\"msg\":\"m\",\"user\":{\"name\":\"u\"},\"tags\":[\"t\"],\"n\":1}")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
