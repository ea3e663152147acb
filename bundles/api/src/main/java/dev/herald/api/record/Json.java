package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Locale;

/** The package's Jackson setup and how it words a parse error. */
final class Json {
    /** Parses values inside a stream; the parser moves on to the next value afterwards. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses one complete text that must hold exactly one value ({@code {} x} is an error). */
    static final ObjectReader WHOLE = MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Where the first byte of {@code bytes[from, to)} that is not JSON white space is; {@code to} when all are. */
    static int skipWhitespace(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** Jackson's own words without its source excerpt, plus where on the line it happened. */
    static String problem(JsonProcessingException e, boolean withLine) {
        StringBuilder why = new StringBuilder("not JSON: ").append(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        if (at != null && at.getColumnNr() > 0) {
            why.append(" at ");
            if (withLine) {
                why.append("line ").append(at.getLineNr()).append(", ");
            }
            why.append("column ").append(at.getColumnNr());
        }
        return why.toString();
    }

    /** "an array", "a string", … for messages about a value of the wrong kind. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        switch (node.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case STRING: return "a string";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        }
    }
}
