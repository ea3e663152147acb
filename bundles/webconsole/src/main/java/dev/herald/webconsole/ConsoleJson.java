package dev.herald.webconsole;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.herald.api.Event;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON the page's script reads. Event content is attacker-controlled text (a CloudTrail
 * userAgent, a finding title): besides the script writing it with {@code textContent} only, every
 * {@code < > & ' "} inside strings is written as a {@code \\uXXXX} escape, so that no response can
 * be read as markup even by a browser that sniffs content types.
 */
final class ConsoleJson {

    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private ConsoleJson() {
    }

    static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("herald-webconsole");
        module.addSerializer(Instant.class, ToStringSerializer.instance);
        module.addSerializer(Event.class, new EventSerializer());
        ObjectMapper mapper = new ObjectMapper().registerModule(module);
        mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
        return mapper;
    }

    /** An event as the page shows it: its fields, the envelope routes match on, the raw record. */
    private static final class EventSerializer extends StdSerializer<Event> {
        EventSerializer() {
            super(Event.class);
        }

        @Override
        public void serialize(Event event, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject();
            json.writeStringField("id", event.id());
            json.writeStringField("source", event.source());
            json.writeStringField("instance", event.instance());
            json.writeStringField("type", event.type());
            json.writeStringField("time", event.time().toString());
            json.writeStringField("severity", event.severity().label());
            json.writeObjectField("envelope", event.envelope());
            json.writeStringField("raw", event.raw());
            json.writeEndObject();
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            for (char c : new char[] {'<', '>', '&', '\'', '"'}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
