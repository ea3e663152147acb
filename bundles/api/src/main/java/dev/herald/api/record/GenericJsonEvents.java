package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * JSON of no known kind, read through configured {@link JsonPointers}. A missing type, time or
 * severity is not an error (the event is then of type {@code unknown}, timed on arrival, info);
 * a time that is there but unreadable is.
 */
final class GenericJsonEvents {
    private static final String WHAT = "JSON record";
    /** Below this an epoch number is in seconds, above in milliseconds (year 5138 in seconds). */
    private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
    /** Epoch seconds or milliseconds written as text (more digits than this are no time at all). */
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,40}");

    private final JsonPointers pointers;

    GenericJsonEvents(JsonPointers pointers) {
        this.pointers = pointers;
    }

    List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
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
                .source(RecordKinds.GENERIC)
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
        String labelled = "time at " + pointers.time() + " " + Fields.text(value);
        if (value.isNumber() || (value.isTextual() && EPOCH.matcher(value.asText().trim()).matches())) {
            BigDecimal epoch = !value.isNumber() ? new BigDecimal(value.asText().trim())
                    : Double.isFinite(value.doubleValue()) || value.isIntegralNumber() || value.isBigDecimal()
                    ? value.decimalValue() : BigDecimal.valueOf(Double.MAX_VALUE); // 1e400 is an infinite double
            return Timestamps.epoch(epoch, epoch.abs().compareTo(MILLIS_THRESHOLD) < 0, labelled, WHAT);
        }
        String text = Fields.text(value);
        Instant instant = text == null ? null : Timestamps.parseIso(text);
        if (instant == null) {
            throw new RecordException(WHAT + " has malformed time at " + pointers.time() + " " + value
                    + ": expected ISO-8601 or epoch seconds or milliseconds");
        }
        return Timestamps.inRange(instant, labelled, WHAT);
    }

    private static String text(JsonNode record, JsonPointer pointer) {
        return pointer == null ? null : Fields.text(record.at(pointer));
    }
}
