package dev.herald.core.store;

import static dev.herald.core.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import org.junit.jupiter.api.Test;

/** What enrichers added is stored with the event, so that templates and replays see it. */
class EnrichedEventCodecTest {

    @Test
    void enrichmentSurvivesTheStore() {
        ObjectNode enrichment = JsonNodeFactory.instance.objectNode();
        enrichment.putObject("geo").put("country", "BR").put("asn", 64500);
        Event plain = event("1", "cloudtrail", "GetObject", "{\"sourceIPAddress\":\"198.51.100.7\"}");
        Event enriched = plain.toBuilder().enrichment(enrichment).build();

        Event decoded = EventCodec.decode(EventCodec.encode(enriched));

        assertEquals(enrichment, decoded.enrichment());
        assertEquals(plain.raw(), decoded.raw());
        assertEquals(plain.detail(), decoded.detail());
        assertTrue(decoded.rawIsDetailText(), "the record is still stored once");
    }

    @Test
    void anEventWithoutEnrichmentIsStoredAsBefore() {
        Event plain = event("1", "cloudtrail", "GetObject", "{}");
        byte[] bytes = EventCodec.encode(plain);
        assertEquals(0, bytes[1] & 2, "no enrichment flag: older Herald versions read it");
        assertTrue(EventCodec.decode(bytes).enrichment().isEmpty());
    }
}
