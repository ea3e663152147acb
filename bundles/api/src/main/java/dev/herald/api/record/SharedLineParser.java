package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One Jackson parser for the JSON Lines of one fill of {@link LineReader}'s buffer, read one after
 * another, instead of a parser for each line: making a parser (its context, symbol table, text
 * buffer) was an eighth of what Herald allocated ingesting flow summaries, 600 bytes a line.
 *
 * <p>It only ever answers for a line that is one object ending at its line's end, read exactly as
 * a parser of that line alone reads it; for anything else (not an object, an error, something after
 * the object, an object that runs on into the next lines) it answers null and the line is parsed
 * alone, for that parse's result and words. A line that does not end its object lets this parser
 * read on through the lines after it, so after such a line the next {@value #ALONE_AFTER_A_MISS}
 * lines are parsed alone: a file of such lines costs at most one pass over a fill for every
 * {@value #ALONE_AFTER_A_MISS} of its lines.
 */
final class SharedLineParser implements AutoCloseable {
    private static final int ALONE_AFTER_A_MISS = 64;
    private JsonParser parser;
    /** The fill of the buffer the parser reads ({@link LineReader#reads}). */
    private long reads;
    /** Where in the buffer the parser starts: its byte offsets count from there. */
    private int from;
    /** Where in the buffer the last object it read ends. */
    private int at;
    /** Lines still to be parsed alone after a miss. */
    private int alone;

    /**
     * The members {@code projection} keeps of the current line of {@code lines} (which lies whole
     * in its buffer), or null when the line is to be parsed alone.
     */
    ObjectNode read(LineReader lines, Projection projection) {
        if (alone > 0) {
            alone--;
            return null;
        }
        byte[] buffer = lines.buffer();
        try {
            if (parser == null || reads != lines.reads() || !blank(buffer, at, lines.start())) {
                close();
                parser = Json.MAPPER.getFactory().createParser(buffer, lines.start(), lines.limit() - lines.start());
                reads = lines.reads();
                from = lines.start();
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return missed();
            }
            ObjectNode kept = projection.kept(parser);
            long after = from + parser.currentLocation().getByteOffset();
            if (after > lines.end() || !blank(buffer, (int) after, lines.end())) {
                return missed();
            }
            at = (int) after;
            return kept;
        } catch (IOException | RuntimeException e) {
            // whatever this parser met, the line parsed alone meets it too, and says it as it does
            return missed();
        }
    }

    private ObjectNode missed() {
        close();
        alone = ALONE_AFTER_A_MISS;
        return null;
    }

    /** Whether {@code bytes[from, to)} holds only what JSON takes for white space. */
    private static boolean blank(byte[] bytes, int from, int to) {
        return Json.skipWhitespace(bytes, from, to) == to;
    }

    @Override
    public void close() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // a parser over an array holds nothing that could fail to close
            }
            parser = null;
        }
    }
}
