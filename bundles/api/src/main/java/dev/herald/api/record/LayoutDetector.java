package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Tells the layout from the first bytes of the input: an array, a CloudTrail file, JSON Lines
 * (the first value ends on its line) or a document (the first value spans lines).
 */
final class LayoutDetector {

    private LayoutDetector() {
    }

    /** @param head the first bytes of the input, without a byte-order mark */
    static RecordLayout detect(byte[] head) {
        int first = Json.skipWhitespace(head, 0, head.length);
        if (first == head.length) {
            return RecordLayout.JSON_LINES;
        }
        if (head[first] == '[') {
            return RecordLayout.JSON_ARRAY;
        }
        if (head[first] != '{') {
            return RecordLayout.JSON_LINES;
        }
        byte[] value = Arrays.copyOfRange(head, first, head.length);
        try (JsonParser parser = Json.MAPPER.createParser(value)) {
            parser.nextToken();
            JsonToken token = parser.nextToken();
            if (token == JsonToken.FIELD_NAME && "Records".equals(parser.currentName())
                    && parser.nextToken() == JsonToken.START_ARRAY) {
                return RecordLayout.CLOUDTRAIL_RECORDS;
            }
            if (token != JsonToken.END_OBJECT) {
                parser.skipChildren(); // the first member's value
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    parser.skipChildren();
                }
            }
            int end = (int) parser.currentLocation().getByteOffset();
            return spansLines(value, end) ? RecordLayout.JSON_DOCUMENT : RecordLayout.JSON_LINES;
        } catch (JsonEOFException e) {
            // The first value goes on beyond the head: a document if it already spans lines,
            // otherwise a long first line.
            return spansLines(value, value.length) ? RecordLayout.JSON_DOCUMENT : RecordLayout.JSON_LINES;
        } catch (JsonProcessingException e) {
            // A broken first value: read line by line so that the lines after it still count.
            return RecordLayout.JSON_LINES;
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    private static boolean spansLines(byte[] value, int end) {
        for (int i = 0; i < end && i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                return true;
            }
        }
        return false;
    }
}
