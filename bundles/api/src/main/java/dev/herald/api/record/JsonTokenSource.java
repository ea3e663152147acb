package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON that is not one value per line: top-level values, the elements of a top-level array, and
 * the elements of a top-level object's leading {@code Records} array (a CloudTrail log file),
 * read token by token so that a large file is never held in memory. The exact text of each record
 * is cut from the input by the parser's byte offsets, then parsed on its own; a record longer
 * than the cap is skipped token by token without being kept.
 *
 * <p>After a syntax error, reading resynchronises where the layout allows it: inside an array or
 * {@code Records}, at the next object that starts at the elements' depth (counting brackets and
 * skipping strings from the start of the broken record); between documents, at the next line
 * that starts with <code>{</code>. The skipped span is one malformed entry. A new parser starts there,
 * told by a synthetic prefix that it is inside the array. When no next record can be found (or a
 * broken element was longer than the cap, so that its beginning, needed to count brackets, is
 * gone), the error is the last entry.
 */
final class JsonTokenSource implements RecordSource {
    private static final byte[] RECORDS_PREFIX = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_PREFIX = {'['};

    private enum Container { NONE, ARRAY, RECORDS }

    /** Where the next record starts, and whether the parser already stands at its end. */
    private record Step(long start, boolean complete) {
    }

    private final ByteTee tee;
    private final int maxRecordBytes;
    private JsonParser parser;
    /** The stream offset of the current parser's first byte after its prefix. */
    private long base;
    /** The length of the synthetic prefix the current parser was given. */
    private int prefix;
    private Container container = Container.NONE;
    private long ordinal;
    /** Where the record being read starts (or the last one ended): the text of an error. */
    private long recordStart;
    /** Whether the parser is inside the record that starts at {@link #recordStart}. */
    private boolean inRecord;
    private boolean finished;

    JsonTokenSource(InputStream in, int maxRecordBytes) throws IOException {
        this.tee = new ByteTee(in, (long) maxRecordBytes + ByteTee.WINDOW);
        this.maxRecordBytes = maxRecordBytes;
        this.parser = parser(new byte[0]);
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
            long end = step.complete ? offset() : endOfValue();
            inRecord = false;
            return entry(step.start, end);
        } catch (JsonProcessingException e) {
            if (!counted) {
                ordinal++;
            }
            return resynchronised(e);
        }
    }

    @Override
    public void skipThrough(long number) throws IOException {
        while (!finished && ordinal < number && next() != null) {
            // each entry is read as on the first pass, so that resynchronising numbers them alike
        }
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            tee.close();
        }
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
                    recordStart = offset();
                    continue;
                }
                inRecord = true;
                return new Step(start, false);
            }
            if (token == JsonToken.START_ARRAY) {
                container = Container.ARRAY;
                continue;
            }
            inRecord = true;
            if (token != JsonToken.START_OBJECT) {
                return new Step(start, false);
            }
            JsonToken first = parser.nextToken();
            if (first == JsonToken.FIELD_NAME && "Records".equals(parser.currentName())) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    container = Container.RECORDS;
                    inRecord = false;
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

    /** Moves the parser past the value it stands on, without keeping it; the stream offset after it. */
    private long endOfValue() throws IOException {
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken();
        }
        return offset();
    }

    /** The record between two stream offsets, read on its own. */
    private RecordEntry entry(long start, long end) {
        recordStart = end;
        long size = end - start;
        if (size > maxRecordBytes || tee.overflowed()) {
            byte[] head = tee.overflowed() ? tee.head() : tee.bytes(start, Math.min(end, start + RecordReader.TEXT_LIMIT));
            tee.keepFrom(end);
            return new RecordEntry.Malformed(ordinal, Utf8.lenient(head), RecordReader.tooLarge(size, maxRecordBytes));
        }
        byte[] bytes = tee.bytes(start, end);
        tee.keepFrom(end);
        String text = Utf8.decode(bytes, bytes.length);
        if (text == null) {
            return new RecordEntry.Malformed(ordinal, Utf8.lenient(bytes), Utf8.problem(bytes, bytes.length));
        }
        try {
            return new RecordEntry.Parsed(ordinal, text, Json.MAPPER.readTree(bytes));
        } catch (JsonProcessingException e) {
            return new RecordEntry.Malformed(ordinal, text, Json.problem(e, false));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    /**
     * The entry for a syntax error at the record starting at {@link #recordStart}: the span up to
     * the next record, where a new parser goes on, or the rest of the input when there is none.
     */
    private RecordEntry resynchronised(JsonProcessingException e) throws IOException {
        long from = recordStart;
        boolean skipOwnStart = inRecord;
        inRecord = false;
        String why = problem(e);
        boolean kept = !tee.overflowed() && from >= tee.start();
        byte[] head = kept ? tee.bytes(from, Math.min(tee.end(), from + RecordReader.TEXT_LIMIT))
                : tee.overflowed() ? tee.head() : new byte[0];
        long resume = -1;
        if (container == Container.NONE) {
            resume = nextDocument(Math.max(from, tee.start()), skipOwnStart);
        } else if (kept) {
            resume = nextElement(from, skipOwnStart);
        }
        if (resume < 0) {
            finished = true;
            return new RecordEntry.Malformed(ordinal, Utf8.lenient(head).strip(),
                    why + "; the rest of the input cannot be read");
        }
        restart(resume);
        byte[] span = Arrays.copyOf(head, (int) Math.min(head.length, resume - from));
        return new RecordEntry.Malformed(ordinal, Utf8.lenient(span).strip(),
                why + "; skipped " + (resume - from) + " bytes, reading goes on with the next record");
    }

    /**
     * The offset of the next object at the elements' depth, counting brackets from {@code from}
     * (where a record starts, or the last one ended) and skipping strings; -1 when the container
     * or the input ends first.
     */
    private long nextElement(long from, boolean skipOwnStart) throws IOException {
        tee.rewind(from);
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (long at = from; ; at++) {
            tee.keepFrom(at);
            int b = tee.read();
            if (b < 0) {
                return -1;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"' || b == '\n') { // a JSON string never holds a raw line break
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (b == '{' && depth == 0 && (at > from || !skipOwnStart)) {
                    return at;
                }
                depth++;
            } else if ((b == '}' || b == ']') && --depth < 0) {
                return -1;
            }
        }
    }

    /** The offset of the next line that starts with <code>{</code>, after {@code from}; -1 at the end of the input. */
    private long nextDocument(long from, boolean skipOwnStart) throws IOException {
        tee.rewind(from);
        int previous = '\n';
        for (long at = from; ; at++) {
            tee.keepFrom(at);
            int b = tee.read();
            if (b < 0) {
                return -1;
            }
            if (b == '{' && (previous == '\n' || previous == '\r') && (at > from || !skipOwnStart)) {
                return at;
            }
            previous = b;
        }
    }

    /** A new parser from {@code offset}, inside the container the old one was in. */
    private void restart(long offset) throws IOException {
        tee.rewind(offset);
        tee.keepFrom(offset);
        parser.close();
        byte[] synthetic = container == Container.RECORDS ? RECORDS_PREFIX
                : container == Container.ARRAY ? ARRAY_PREFIX : new byte[0];
        parser = parser(synthetic);
        base = offset;
        prefix = synthetic.length;
        for (int i = 0; i < (container == Container.RECORDS ? 3 : container == Container.ARRAY ? 1 : 0); i++) {
            parser.nextToken();
        }
        recordStart = offset;
    }

    /** A parser of the tee from where it stands, after {@code synthetic}; closing it leaves the tee open. */
    private JsonParser parser(byte[] synthetic) throws IOException {
        InputStream in = synthetic.length == 0 ? tee : new SequenceInputStream(new ByteArrayInputStream(synthetic), tee);
        JsonParser created = Json.MAPPER.createParser(in);
        created.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return created;
    }

    /** Jackson's words, and where: line and column in the first parser, else the byte offset in the input. */
    private String problem(JsonProcessingException e) {
        if (base == 0 && prefix == 0) {
            return Json.problem(e, true);
        }
        JsonLocation at = e.getLocation();
        String why = "not JSON: " + e.getOriginalMessage();
        return at == null || at.getByteOffset() < 0 ? why : why + " at byte " + (at.getByteOffset() - prefix + base + 1);
    }

    private long startOf() {
        long start = parser.currentTokenLocation().getByteOffset() - prefix + base;
        recordStart = start;
        tee.keepFrom(start);
        return start;
    }

    private long offset() {
        return parser.currentLocation().getByteOffset() - prefix + base;
    }
}
