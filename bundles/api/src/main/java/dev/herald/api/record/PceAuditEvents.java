package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.List;

/**
 * Illumio PCE audit events: id {@code href}, type {@code event_type}, time {@code timestamp},
 * severity from the PCE's own word ({@code info}, {@code warning}, {@code err}, …), raised to at
 * least low when {@code status} is {@code failure}.
 */
final class PceAuditEvents implements KindMapper {
    private static final String WHAT = "PCE audit event";

    @Override
    public RecordKind kind() {
        return RecordKind.PCE;
    }

    @Override
    public boolean accepts(JsonNode record) {
        String href = Fields.text(record, "href");
        return href != null && href.contains("/events/") && record.has("event_type");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        Severity severity = Severity.parse(Fields.text(record, "severity")).orElse(Severity.INFO);
        if ("failure".equalsIgnoreCase(Fields.text(record, "status"))) {
            severity = severity.atLeast(Severity.LOW);
        }
        return List.of(Event.builder()
                .id(Fields.require(record, "href", WHAT))
                .source(kind().source())
                .instance(instance)
                .type(Fields.require(record, "event_type", WHAT))
                .time(Timestamps.require(record, "timestamp", WHAT))
                .severity(severity)
                .detail(record)
                .raw(raw)
                .build());
    }
}
