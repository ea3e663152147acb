package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * JSON Lines: every non-blank line is a record on its own, so one bad line spoils nothing else. A
 * line longer than the cap is passed over without being held in memory, and a line that is not
 * UTF-8 is reported as such.
 */
final class JsonLinesSource implements RecordSource {
    private final LineReader lines;
    private final int maxRecordBytes;
    private final Supplier<Projection> projection;
    private final SharedLineParser shared = new SharedLineParser();
    private long line;

    JsonLinesSource(InputStream in, int maxRecordBytes, Supplier<Projection> projection) {
        this.lines = new LineReader(in);
        this.maxRecordBytes = maxRecordBytes;
        this.projection = projection;
    }

    @Override
    public RecordEntry next() throws IOException {
        while (lines.next(maxRecordBytes)) {
            line++;
            if (lines.length() > maxRecordBytes) {
                byte[] head = Arrays.copyOf(lines.bytes(), Math.min(lines.kept(), RecordReader.TEXT_LIMIT));
                return new RecordEntry.Malformed(line, Utf8.lenient(head),
                        RecordReader.tooLarge(lines.length(), maxRecordBytes));
            }
            String text = Utf8.decode(lines.bytes(), lines.kept());
            if (text == null) {
                return new RecordEntry.Malformed(line, Utf8.lenient(Arrays.copyOf(lines.bytes(), lines.kept())),
                        Utf8.problem(lines.bytes(), lines.kept()));
            }
            if (text.isBlank()) {
                continue;
            }
            if (!Utf8.unmarked(lines.bytes(), lines.kept())) {
                return fromText(text);
            }
            // from the bytes: Jackson's UTF-8 parser is faster than its parser of characters
            Projection kept = projection.get().appliedTo(lines.bytes(), lines.kept());
            ObjectNode members = kept.whole() || !lines.inBuffer() ? null : shared.read(lines, kept);
            if (members != null) {
                return new RecordEntry.Parsed(line, text, members, kept);
            }
            try {
                return new RecordEntry.Parsed(line, text, kept.read(lines.bytes(), lines.kept()), kept);
            } catch (IOException e) {
                return fromText(text);
            }
        }
        return null;
    }

    /**
     * The entry of a line parsed from its text: a line whose bytes Jackson could not parse, for the
     * reason it gives then (its positions count characters, as a reader of the line does, where the
     * parser of bytes counts bytes), and a line whose first bytes would make Jackson take it for
     * another encoding.
     */
    private RecordEntry fromText(String text) {
        try {
            return new RecordEntry.Parsed(line, text, Json.WHOLE.readTree(text));
        } catch (JsonProcessingException e) {
            return new RecordEntry.Malformed(line, text, Json.problem(e, false));
        }
    }

    @Override
    public void skipThrough(long number) throws IOException {
        while (line < number && lines.next(0)) {
            line++;
        }
    }

    @Override
    public void close() throws IOException {
        shared.close();
        lines.close();
    }
}
