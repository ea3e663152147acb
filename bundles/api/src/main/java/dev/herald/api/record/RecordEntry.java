package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record read by a {@link RecordReader}: either parsed JSON with its exact text, or text that
 * is not JSON with the reason.
 */
public sealed interface RecordEntry permits RecordEntry.Parsed, RecordEntry.Malformed {

    /**
     * Where the record is: its line number (from 1, blank lines counted) for {@link
     * RecordLayout#JSON_LINES}, its ordinal (from 1) for the other layouts. Increases with each
     * entry; {@link RecordReader#skipThrough(long)} resumes after it.
     */
    long number();

    /** The record's text exactly as it is in the input (without the line terminator). */
    String text();

    /**
     * A record that is well-formed JSON.
     *
     * @param number     where it is, see {@link RecordEntry#number()}
     * @param text       its exact text
     * @param json       its parsed tree: of an object, only the members {@code projection} keeps
     * @param projection which members of an object {@code json} holds
     */
    record Parsed(long number, String text, JsonNode json, Projection projection) implements RecordEntry {
        /** A record parsed whole. */
        public Parsed(long number, String text, JsonNode json) {
            this(number, text, json, Projection.WHOLE);
        }
    }

    /**
     * Text that is not well-formed JSON.
     *
     * @param number where it is, see {@link RecordEntry#number()}
     * @param text   the offending text (for a broken JSON document: from the start of the record
     *               that could not be read, at most 64 KiB)
     * @param reason what is wrong and where, e.g. {@code not JSON: Unexpected character ('x') at
     *               column 12}
     */
    record Malformed(long number, String text, String reason) implements RecordEntry {
    }
}
