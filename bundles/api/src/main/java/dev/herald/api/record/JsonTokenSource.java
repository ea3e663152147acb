package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON that is not one value per line: top-level values, the elements of a top-level array, and
 * the elements of a top-level object's leading {@code Records} array (a CloudTrail log file),
 * read token by token so that a large file is never held in memory. The exact text of each record
 * is cut from the input by the parser's byte offsets.
 *
 * <p>After a syntax error the parser cannot find the next record reliably, so the error is the
 * last entry.
 */
final class JsonTokenSource implements RecordSource {
    private static final int MALFORMED_TEXT_LIMIT = 64 * 1024;

    private enum Container { NONE, ARRAY, RECORDS }

    /** Where the next record starts, and whether the parser already stands at its end. */
    private record Step(long start, boolean complete) {
    }

    private final ByteTee tee;
    private final JsonParser parser;
    private Container container = Container.NONE;
    private long ordinal;
    /** Where the record being read starts (or the last one ended): the text of an error. */
    private long recordStart;
    private boolean finished;

    JsonTokenSource(InputStream in) throws IOException {
        this.tee = new ByteTee(in);
        this.parser = Json.MAPPER.createParser(tee);
    }

    @Override
    public RecordEntry next() throws IOException {
        if (finished) {
            return null;
        }
        boolean counted = false;
        try {
            Step step = step();
            if (step == null) {
                return null;
            }
            ordinal++;
            counted = true;
            if (step.complete) {
                byte[] bytes = tee.bytes(step.start, offset());
                recordStart = offset();
                return new RecordEntry.Parsed(ordinal, new String(bytes, StandardCharsets.UTF_8),
                        Json.MAPPER.readTree(bytes));
            }
            JsonNode json = Json.MAPPER.readTree(parser);
            byte[] bytes = tee.bytes(step.start, offset());
            recordStart = offset();
            return new RecordEntry.Parsed(ordinal, new String(bytes, StandardCharsets.UTF_8), json);
        } catch (JsonProcessingException e) {
            finished = true;
            if (!counted) {
                ordinal++;
            }
            return new RecordEntry.Malformed(ordinal,
                    tee.text(recordStart, tee.end(), MALFORMED_TEXT_LIMIT).strip(),
                    Json.problem(e, true) + "; the rest of the input cannot be read");
        }
    }

    @Override
    public void skipThrough(long number) throws IOException {
        try {
            while (!finished && ordinal < number) {
                Step step = step();
                if (step == null) {
                    return;
                }
                ordinal++;
                if (!step.complete) {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            // the entries skipped were read before; what follows cannot be found
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Advances to the next record; null at the end of the input. */
    private Step step() throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                finished = true;
                return null;
            }
            long start = startOf();
            if (container != Container.NONE) {
                if (token == JsonToken.END_ARRAY) {
                    if (container == Container.RECORDS) {
                        finishObject(parser.nextToken());
                    }
                    container = Container.NONE;
                    tee.keepFrom(offset());
                    continue;
                }
                return new Step(start, false);
            }
            if (token == JsonToken.START_ARRAY) {
                container = Container.ARRAY;
                continue;
            }
            if (token != JsonToken.START_OBJECT) {
                return new Step(start, false);
            }
            JsonToken first = parser.nextToken();
            if (first == JsonToken.FIELD_NAME && "Records".equals(parser.currentName())) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    container = Container.RECORDS;
                    continue;
                }
                first = value;
            }
            finishObject(first);
            return new Step(start, true);
        }
    }

    /** Reads on to the end of the object whose members the parser is in, from {@code token}. */
    private void finishObject(JsonToken token) throws IOException {
        while (token != JsonToken.END_OBJECT) {
            if (token == null) {
                throw new JsonParseException(parser, "Unexpected end-of-input: expected close marker for Object");
            }
            if (token.isStructStart()) {
                parser.skipChildren();
            }
            token = parser.nextToken();
        }
    }

    private long startOf() {
        long start = parser.currentTokenLocation().getByteOffset();
        recordStart = start;
        tee.keepFrom(start);
        return start;
    }

    private long offset() {
        return parser.currentLocation().getByteOffset();
    }
}
