package dev.herald.sink.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Event;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's {@code format} setting alone selects the bundle's template set (DS publishes it as
 * the service property {@link dev.herald.api.Sink#FORMAT}): no template needs copying to etc/.
 */
class MessageCardFormatTest {

    @Test
    void formatMessagecardRendersTheShippedMessageCards(@TempDir Path emptyEtcTemplates) throws Exception {
        for (Event event : new Event[] {Cards.pce(), Cards.cloudtrail(), Cards.finding()}) {
            assertEquals("MessageCard", Cards.renderJson(event, "messagecard", emptyEtcTemplates).path("@type").asText());
        }
    }

    @Test
    void formatAdaptiveRendersAdaptiveCards(@TempDir Path emptyEtcTemplates) throws Exception {
        assertEquals("AdaptiveCard", Cards.renderJson(Cards.pce(), "adaptive", emptyEtcTemplates)
                .path("attachments").get(0).path("content").path("type").asText());
    }
}
