package dev.herald.source.securityhub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of a pushed EventBridge event exactly as they are in the request body: the bytes
 * from the first to the last of each one, decoded as UTF-8. A pushed finding's raw text is then
 * what EventBridge sent (spacing, escapes and number forms included), not Jackson's re-serialisation
 * of it. The body has already been parsed whole, so a shape other than expected is simply no texts.
 */
final class FindingTexts {
    private static final JsonFactory FACTORY = new JsonFactory();

    private FindingTexts() {
    }

    /**
     * The texts of the elements of {@code detail.findings}, or of {@code detail} itself when it is
     * the one finding (an OCSF finding posted on its own); empty when the body has another shape.
     */
    static List<String> of(byte[] body, boolean detailIsTheFinding) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !enterMember(parser, "detail")) {
                return List.of();
            }
            if (detailIsTheFinding) {
                return List.of(text(body, parser));
            }
            if (parser.currentToken() != JsonToken.START_OBJECT || !enterMember(parser, "findings")
                    || parser.currentToken() != JsonToken.START_ARRAY) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                texts.add(text(body, parser));
            }
            return texts;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The text of the value the parser is on; leaves the parser on its last token. */
    private static String text(byte[] body, JsonParser parser) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken(); // a string's bytes are read lazily: its end is known once it is finished
        int end = (int) parser.currentLocation().getByteOffset();
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    /** Moves the parser from an object's start onto the value of its member {@code name}. */
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
