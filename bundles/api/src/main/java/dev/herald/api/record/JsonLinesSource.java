package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** JSON Lines: every non-blank line is a record on its own, so one bad line spoils nothing else. */
final class JsonLinesSource implements RecordSource {
    private final BufferedReader lines;
    private long line;

    JsonLinesSource(InputStream in) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public RecordEntry next() throws IOException {
        String text;
        while ((text = lines.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                return new RecordEntry.Parsed(line, text, Json.WHOLE.readTree(text));
            } catch (JsonProcessingException e) {
                return new RecordEntry.Malformed(line, text, Json.problem(e, false));
            }
        }
        return null;
    }

    @Override
    public void skipThrough(long number) throws IOException {
        while (line < number && lines.readLine() != null) {
            line++;
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
