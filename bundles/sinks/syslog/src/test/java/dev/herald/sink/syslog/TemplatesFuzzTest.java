package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.api.Event;
import dev.herald.testkit.sink.SampleEvents;
import dev.herald.testkit.sink.SinkTemplates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every format's templates, rendered as the dispatcher renders them (this bundle's filters
 * included), on a record of each kind whose every string is the hostile input: CEF, LEEF and
 * LogRhythm lines carry no line break, and a strict reader finds the same header fields and keys
 * as for harmless text of the same shape; the json format is the record exactly.
 */
class TemplatesFuzzTest {
    private static final SinkTemplates TEMPLATES = SinkTemplates.of(SyslogSink.class).withFilters(new SiemFilters());

    @FuzzTest(maxDuration = "30s")
    void everyFormatStaysParseableWhateverTheRecordHolds(byte[] input) throws Exception {
        String hostile = new String(input, StandardCharsets.UTF_8);
        for (String kind : SampleEvents.all().keySet()) {
            Event event = SampleEvents.hostile(kind, hostile);
            Event twin = SampleEvents.hostile(kind, harmless(hostile));
            for (String format : List.of("json", "cef", "leef", "logrhythm")) {
                String body = TEMPLATES.withFormat(format).render(event);
                String where = format + " on a " + kind + " record: " + body;
                check(format, body, TEMPLATES.withFormat(format).render(twin), event.raw(), where);
            }
        }
    }

    private static void check(String format, String body, String twin, String raw, String where) {
        switch (format) {
            case "json" -> assertEquals(raw, body, where);
            case "cef" -> {
                assertNoLineBreak(body, where);
                assertEquals(cef(twin), cef(body), "CEF fields of " + where);
            }
            case "leef" -> {
                assertNoLineBreak(body, where);
                assertEquals(leef(twin), leef(body), "LEEF fields of " + where);
            }
            default -> {
                String fields = body.substring(0, body.indexOf("|original_message="));
                assertNoLineBreak(fields, where);
                assertEquals(logRhythm(twin), logRhythm(body), "LogRhythm fields of " + where);
            }
        }
    }

    /**
     * Text of the same shape that no format needs to escape: letters, digits and dots stay, what
     * String.trim() removes becomes a space, the rest x; so a template that tests a value takes
     * the same branch.
     */
    private static String harmless(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c < 128 && Character.isLetterOrDigit(c) || c == '.' ? (char) c
                : c <= ' ' ? ' ' : 'x'));
        return out.toString();
    }

    /** The header field count and the extension keys, as a strict CEF reader splits them. */
    private static List<String> cef(String line) {
        List<String> header = splitUnescaped(line, '|', 8);
        assertEquals(8, header.size(), "CEF has seven header fields and the extension: " + line);
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?:^| )([A-Za-z0-9_]+)=").matcher(header.get(7));
        String ext = header.get(7);
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            if (c == '\\') {
                assertTrue(i + 1 < ext.length() && "\\=nr".indexOf(ext.charAt(i + 1)) >= 0,
                        "CEF extension escapes only \\ = \\n \\r: " + ext);
                i++;
            } else if (c == '=') {
                assertTrue(m.find() && m.end() == i + 1, "an unescaped = ends a key: " + ext);
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** The header fields and the attribute keys, as a strict LEEF 2.0 reader splits them. */
    private static List<String> leef(String line) {
        List<String> header = splitUnescaped(line, '|', 7);
        assertEquals(7, header.size(), "LEEF 2.0 has six header fields and the attributes: " + line);
        List<String> keys = new ArrayList<>(header.subList(0, 6).stream().map(f -> "h").toList());
        for (String attribute : header.get(6).split("\t", -1)) {
            int eq = attribute.indexOf('=');
            assertTrue(eq > 0, "a LEEF attribute is key=value: " + attribute);
            keys.add(attribute.substring(0, eq));
        }
        return keys;
    }

    private static List<String> logRhythm(String line) {
        List<String> keys = new ArrayList<>();
        for (String pair : line.substring(0, line.indexOf("|original_message=")).split("\\|", -1)) {
            int eq = pair.indexOf('=');
            assertTrue(eq > 0, "a LogRhythm field is key=value: " + pair);
            keys.add(pair.substring(0, eq));
        }
        return keys;
    }

    /** At most {@code limit} parts split at {@code sep} not escaped by a backslash. */
    private static List<String> splitUnescaped(String line, char sep, int limit) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length() && parts.size() < limit - 1; i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == sep) {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(line.substring(start));
        return parts;
    }

    private static void assertNoLineBreak(String text, String where) {
        assertTrue(text.indexOf('\n') < 0 && text.indexOf('\r') < 0, "a line break in " + where);
    }
}
