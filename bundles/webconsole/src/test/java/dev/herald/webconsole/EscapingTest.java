package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.EventView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapingTest {

    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    @Test
    void htmlEscapeLeavesNoMarkup() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;", Html.escape(HOSTILE));
        assertEquals("", Html.escape(null));
    }

    @Test
    void eventContentInJsonHasNoMarkupCharactersButReadsBackUnchanged() throws Exception {
        Event event = Event.builder().id("ev-" + HOSTILE).source("json").instance("demo").type(HOSTILE)
                .time(Instant.parse("2026-01-31T10:00:00Z")).severity(Severity.HIGH)
                .raw("{\"userAgent\":\"" + HOSTILE.replace("\"", "\\\"") + "\"}").build();
        EventView view = new EventView(event, Instant.parse("2026-01-31T10:00:01Z"), List.of("route-" + HOSTILE));

        String json = ConsoleJson.mapper().writeValueAsString(view);

        for (char c : "<>&'".toCharArray()) {
            assertFalse(json.indexOf(c) >= 0, "no raw " + c + " in " + json);
        }
        JsonNode back = new ObjectMapper().readTree(json);
        assertEquals(HOSTILE, back.at("/event/type").asText());
        assertEquals(HOSTILE, back.at("/event/envelope/type").asText());
        assertTrue(back.at("/event/raw").asText().contains("<script>"));
        assertEquals("high", back.at("/event/severity").asText());
        assertEquals("2026-01-31T10:00:01Z", back.at("/received").asText());
        assertEquals("route-" + HOSTILE, back.at("/routes/0").asText());
    }

    @Test
    void thePageWritesServerValuesEscaped() {
        String page = Page.render("/system/console\"><img src=x>", "tok<en>", true);
        assertFalse(page.contains("<img"), page);
        assertTrue(page.contains("data-token=\"tok&lt;en&gt;\""));
        assertTrue(page.contains("src=\"/system/console&quot;&gt;&lt;img src=x&gt;/herald/res/herald.js\""));
    }
}
