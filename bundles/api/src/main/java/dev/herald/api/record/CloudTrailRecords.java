package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.List;

/**
 * CloudTrail records: id {@code eventID}, type {@code eventName}, time {@code eventTime},
 * severity by {@link CloudTrailSeverity}.
 */
final class CloudTrailRecords implements KindMapper {
    private static final String WHAT = "CloudTrail record";

    @Override
    public RecordKind kind() {
        return RecordKind.CLOUDTRAIL;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return record.has("eventID") && record.has("eventName") && record.has("eventSource");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        return List.of(Event.builder()
                .id(Fields.require(record, "eventID", WHAT))
                .source(kind().source())
                .instance(instance)
                .type(Fields.require(record, "eventName", WHAT))
                .time(Timestamps.require(record, "eventTime", WHAT))
                .severity(CloudTrailSeverity.of(record))
                .detail(record)
                .raw(raw)
                .build());
    }
}
