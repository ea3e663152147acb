package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.time.Instant;
import java.util.List;

/**
 * JSON of no known kind, read through configured {@link JsonPointers}. A missing type, time or
 * severity is not an error (the event is then of type {@code unknown}, timed on arrival, info);
 * a time that is there but unreadable is.
 */
final class GenericJsonEvents implements KindMapper {
    private static final String WHAT = "JSON record";
    /** Below this an epoch number is in seconds, above in milliseconds (year 5138 in seconds). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final JsonPointers pointers;

    GenericJsonEvents(JsonPointers pointers) {
        this.pointers = pointers;
    }

    @Override
    public RecordKind kind() {
        return RecordKind.JSON;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return true;
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        String id = text(record, pointers.id());
        if (id == null) {
            id = fallbackId;
        }
        if (id == null || id.isBlank()) {
            throw new RecordException(WHAT + " has no id" + (pointers.id() == null ? "" : " at " + pointers.id())
                    + " and the source gave no fallback id");
        }
        String severity = text(record, pointers.severity());
        return List.of(Event.builder()
                .id(id)
                .source(kind().source())
                .instance(instance)
                .type(text(record, pointers.type()))
                .time(time(record))
                .severity(Severity.parse(severity).orElse(Severity.INFO))
                .detail(record)
                .raw(raw)
                .build());
    }

    private Instant time(JsonNode record) throws RecordException {
        if (pointers.time() == null) {
            return null;
        }
        JsonNode value = record.at(pointers.time());
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber() || (value.isTextual() && value.asText().trim().matches("-?\\d{1,19}"))) {
            long epoch = value.isNumber() ? value.asLong() : Long.parseLong(value.asText().trim());
            return Math.abs(epoch) < MILLIS_THRESHOLD ? Instant.ofEpochSecond(epoch) : Instant.ofEpochMilli(epoch);
        }
        String text = Fields.text(value);
        Instant instant = text == null ? null : Timestamps.parseIso(text);
        if (instant == null) {
            throw new RecordException(WHAT + " has malformed time at " + pointers.time() + " " + value
                    + ": expected ISO-8601 or epoch seconds or milliseconds");
        }
        return instant;
    }

    private static String text(JsonNode record, JsonPointer pointer) {
        return pointer == null ? null : Fields.text(record.at(pointer));
    }
}
