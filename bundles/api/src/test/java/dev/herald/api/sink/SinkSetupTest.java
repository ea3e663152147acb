package dev.herald.api.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SinkSetupTest {

    @Test
    void everyConfigurationErrorNamesTheSinkAndWhatToWrite() {
        assertEquals("acme sink: name is required: routes refer to the sink by it",
                assertThrows(IllegalArgumentException.class, () -> SinkSetup.of("acme", " ", 1)).getMessage());
        assertEquals("acme sink 'a': rate must be 0 (no limit) or a positive number of messages per second; was -1",
                assertThrows(IllegalArgumentException.class, () -> SinkSetup.of("acme", "a", -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SinkSetup.of("acme", "a", Double.NaN));
        SinkSetup setup = SinkSetup.of("acme", " a ", 0.5);
        assertEquals("a", setup.name());
        assertEquals("acme sink 'a': url is required", assertThrows(IllegalArgumentException.class,
                () -> setup.check(() -> {
                    throw new IllegalArgumentException("url is required");
                })).getMessage());
    }

    @Test
    void aTemplateSetIsAPlainNameSoItCannotLeaveTheTemplatesDirectory() {
        assertEquals("cef", TemplateSets.name("syslog", " cef ", List.of("json", "cef")));
        assertEquals("format '../etc' is not a template set name: use json, cef, or the name of a directory of"
                + " templates you added under etc/herald/templates/syslog/ (letters, digits, '.', '_' and '-')",
                assertThrows(IllegalArgumentException.class,
                        () -> TemplateSets.name("syslog", "../etc", List.of("json", "cef"))).getMessage());
    }

    @Test
    void aRenderedBodyThatIsNotAJsonObjectIsTheTemplatesFault() throws Exception {
        TemplateOutput output = new TemplateOutput("acme", "an Acme alert");
        assertEquals("the rendered template is not an Acme alert: it must be a JSON object — check the acme template"
                + " (etc/herald/templates/acme/ or the route's)",
                assertThrows(dev.herald.api.DeliveryException.class, () -> output.object("[1]")).getMessage());
        assertEquals(1, output.object("{\"a\":1}").get("a").asInt());
    }
}
