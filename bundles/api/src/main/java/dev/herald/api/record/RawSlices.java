package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the exact text of a value or of the elements of an array inside a record out of the
 * record's text (spacing, escapes and number forms included, not Jackson's re-serialisation), so
 * that an event made from one finding of an EventBridge event keeps that finding's original text.
 */
public final class RawSlices {

    private RawSlices() {
    }

    /**
     * The text of the value at {@code path} (object member names from the root), or null when the
     * text does not have that shape.
     */
    public static String value(String text, String... path) {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !enter(parser, path, null)) {
                return null;
            }
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            parser.finishToken(); // a string is read lazily: its end is known once it is finished
            return text.substring(start, (int) parser.currentLocation().getCharOffset());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The texts of the elements of the array at {@code path} (object member names from the root),
     * or null when the text does not have that shape.
     */
    public static List<String> arrayElements(String text, String... path) {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !enter(parser, path, JsonToken.START_ARRAY)) {
                return null;
            }
            List<String> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getCharOffset();
                elements.add(text.substring(start, end));
            }
            return elements;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Moves the parser from the root object onto the value at {@code path}, which must be an
     * object at every step but the last, and {@code last} (unless null) at the last.
     */
    private static boolean enter(JsonParser parser, String[] path, JsonToken last) throws IOException {
        for (int i = 0; i < path.length; i++) {
            JsonToken expected = i < path.length - 1 ? JsonToken.START_OBJECT : last;
            if (!enterMember(parser, path[i]) || (expected != null && parser.currentToken() != expected)) {
                return false;
            }
        }
        return true;
    }

    /** Moves the parser onto the value of the member {@code name} of the current object. */
    private static boolean enterMember(JsonParser parser, String name) throws IOException {
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
            boolean found = name.equals(parser.currentName());
            parser.nextToken();
            if (found) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }
}
