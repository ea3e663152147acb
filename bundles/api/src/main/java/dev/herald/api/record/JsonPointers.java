package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Where a record of no known kind keeps its id, type, time and severity, as JSON pointers (RFC
 * 6901, e.g. {@code /meta/eventTime}); a null pointer means the record has no such field.
 *
 * @param id       the record's stable id, the dedupe key; without one (or when the record has
 *                 no value there) the source's fallback id (file or object and line) is used
 * @param type     the event type
 * @param time     when it happened: ISO-8601 text, or epoch seconds or milliseconds
 * @param severity a severity word ({@code low}, {@code warning}, {@code HIGH}, …)
 */
public record JsonPointers(JsonPointer id, JsonPointer type, JsonPointer time, JsonPointer severity) {

    /** Default id pointer: none, every record gets the fallback id. */
    public static final String DEFAULT_ID = "";
    /** Default type pointer. */
    public static final String DEFAULT_TYPE = "/type";
    /** Default time pointer. */
    public static final String DEFAULT_TIME = "/time";
    /** Default severity pointer. */
    public static final String DEFAULT_SEVERITY = "/severity";

    /** The defaults above. */
    public static final JsonPointers DEFAULT = new JsonPointers(null, JsonPointer.compile(DEFAULT_TYPE),
            JsonPointer.compile(DEFAULT_TIME), JsonPointer.compile(DEFAULT_SEVERITY));

    /**
     * Parses a configured pointer.
     *
     * @param property the configuration property, named in the error
     * @return null for a blank value (no such field)
     * @throws IllegalArgumentException naming the property when the value is not a JSON pointer
     */
    public static JsonPointer parse(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return JsonPointer.compile(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " = '" + value + "' is not a JSON pointer: start it"
                    + " with '/' and separate names with '/' (e.g. /meta/eventTime), or leave it empty", e);
        }
    }
}
