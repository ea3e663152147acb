package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.sink.Escaping;
import dev.herald.testkit.sink.SinkTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filters this bundle contributes to Herald's templates, each as the engine applies it in a
 * template (a user's override included), for values holding the characters its format gives a
 * meaning to.
 */
class SiemFiltersTest {
    @TempDir
    Path templates;

    private String none(String value, String filter) throws Exception {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("v", value);
        Event event = Event.builder().id("e1").source("json").instance("i").type("t")
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW).detail(detail)
                .raw(detail.toString()).build();
        Path dir = Files.createDirectories(templates.resolve("probe"));
        Files.writeString(dir.resolve("default.peb"), "{{ event.detail.v | " + filter + " }}");
        return SinkTemplates.of("probe", Escaping.NONE).withUserTemplates(templates).withFilters(new SiemFilters())
                .render(event);
    }

    @Test
    void cefHeaderEscapesBackslashAndPipeAndFlattensEveryLineBreak() throws Exception {
        assertEquals("a\\|b\\\\c=d e f g h", none("a|b\\c=d\re\nf\r\ng\u2028h", "cef_header"));
        assertEquals("a\\|b\\\\c=d e", none("a|b\\c=d\r\ne", "leef_header"));
    }

    @Test
    void cefExtensionValueEscapesBackslashEqualsAndCrAndLf() throws Exception {
        assertEquals("a|b\\\\c\\=d\\re\\nf\\r\\ng", none("a|b\\c=d\re\nf\r\ng", "cef"));
        assertEquals("x\\\\\\=", none("x\\=", "cef"), "the backslash first, so an escape is not escaped twice");
    }

    @Test
    void leefValueHoldsNeitherTheDelimiterNorALineBreak() throws Exception {
        assertEquals("a b c d e|f=g\\h", none("a\tb\rc\nd\r\ne|f=g\\h", "leef"));
        assertEquals("a b c d\te", none("a^b\rc\nd\te", "leef('^')"));
        assertEquals("a b c", none("a|b\nc", "leef('x7C')"), "the delimiter as the header writes it");
    }

    @Test
    void logRhythmValueHoldsNeitherAPipeNorALineBreak() throws Exception {
        assertEquals("a_b_c_d_e=f", none("a|b\rc\nd\r\ne=f", "logrhythm"));
    }

    @Test
    void siemSeverityIsTheZeroToTenScaleOfCefAndLeef() throws Exception {
        assertEquals("10 8 5 3 1 1", none("", "default('') }}{{ 'critical' | siem_severity }} {{ 'high' | siem_severity"
                + " }} {{ 'medium' | siem_severity }} {{ 'low' | siem_severity }} {{ 'info' | siem_severity }}"
                + " {{ 'whatever' | siem_severity"));
    }
}
