package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    /** Every field, in characters of one to four UTF-8 bytes, with the raw text apart from the detail. */
    @Test
    void everyFieldSurvivesTheStore() {
        ObjectNode enrichment = JsonNodeFactory.instance.objectNode();
        enrichment.putObject("geo").put("city", "São Paulo 😀");
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("ключ", "東京");
        Event event = Event.builder().id("ïd-東京-😀").source("cloudtrail").instance("bench-é").type("Créer")
                .time(Instant.ofEpochSecond(1_700_000_000L, 999_999_999)).severity(Severity.HIGH)
                .detail(detail).raw("{ \"ключ\" : \"東京\" }").enrichment(enrichment).build();

        Event decoded = EventCodec.decode(EventCodec.encode(event));

        assertEquals(event.id(), decoded.id());
        assertEquals(event.source(), decoded.source());
        assertEquals(event.instance(), decoded.instance());
        assertEquals(event.type(), decoded.type());
        assertEquals(event.time(), decoded.time());
        assertEquals(event.severity(), decoded.severity());
        assertEquals(detail, decoded.detail());
        assertEquals(event.raw(), decoded.raw());
        assertFalse(decoded.rawIsDetailText());
        assertEquals(enrichment, decoded.enrichment());
    }

    @Test
    void varLongSizeIsWhatWriteVarLongWrites() {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, 1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long v : values) {
            assertEquals(new BinaryWriter(16).writeVarLong(v).length(), BinaryWriter.varLongSize(v), "for " + v);
        }
    }
}
