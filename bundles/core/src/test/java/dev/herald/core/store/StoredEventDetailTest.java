package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A stored event is read back with its text, and its detail is parsed only when someone reads it:
 * delivering the record as received (the json syslog format) never parses it again.
 */
class StoredEventDetailTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Event received(String text) throws Exception {
        return Event.builder().id("flows.jsonl:7").source("illumio-flow").instance("bench").type("flow")
                .time(Instant.parse("2026-12-02T06:00:00.123Z")).parsed(JSON.readTree(text), text).build();
    }

    @Test
    void theDetailReadLaterIsTheTreeTheTextWasParsedInto() throws Exception {
        String text = "{\"src_ip\":\"10.0.0.1\",\"dst_port\":3389,\"pd\":2,\"nested\":{\"a\":[1,2.5,\"é\"]}}";
        Event decoded = EventCodec.decode(EventCodec.encode(received(text)));

        assertEquals(text, decoded.raw());
        assertTrue(decoded.rawIsDetailText());
        assertEquals(JSON.readTree(text), decoded.detail());
        assertEquals(received(text).envelope(), decoded.envelope());
    }

    @Test
    void aDecodedEventIsStoredAgainWithTheSameBytes() throws Exception {
        byte[] stored = EventCodec.encode(received("{\"b\":1,  \"a\" : [ ]}"));
        Event decoded = EventCodec.decode(stored);
        assertArrayEquals(stored, EventCodec.encode(decoded), "the text is kept, never written out again");
        assertArrayEquals(stored, EventCodec.encode(decoded.toBuilder().build()));
    }

    /** The text as received is a part of its own: the store's writer copies it once, into the block it compresses. */
    @Test
    void theTextAsReceivedIsAPartOfItsOwnInTheSerializedEvent() throws Exception {
        String text = "{\"src_ip\":\"10.0.0.1\",\"pn\":\"東京\"}";
        EncodedEvent parts = EventCodec.encodeInParts(received(text));

        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), parts.detail());
        assertEquals(0, parts.tail().length);
        assertEquals(text, EventCodec.decode(parts.toByteArray()).raw());
    }

    /** Proves the decoding does not parse: a stored text that is not JSON reads, until its detail is asked for. */
    @Test
    void decodingDoesNotParseTheText() throws Exception {
        Event odd = Event.builder().id("e-9").source("json").instance("s").parsed(JSON.readTree("{}"), "not json {")
                .build();
        Event decoded = EventCodec.decode(EventCodec.encode(odd));

        assertEquals("not json {", decoded.raw());
        assertEquals("e-9", decoded.id());
        IllegalStateException e = assertThrows(IllegalStateException.class, decoded::detail);
        assertTrue(e.getMessage().contains("event e-9") && e.getMessage().contains("not JSON"), e.getMessage());
    }
}
