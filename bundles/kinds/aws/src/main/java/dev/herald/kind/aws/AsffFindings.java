package dev.herald.kind.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.Timestamps;
import java.time.Instant;

/**
 * Findings in the AWS Security Finding Format. A finding is updated in place, so the event id is
 * {@code Id@UpdatedAt} (each update is a new event); type is the first of {@code Types}, time
 * {@code UpdatedAt}, severity {@code Severity.Label} (or, for old findings without a label,
 * {@code Severity.Normalized} banded as ASFF documents it). {@code CreatedAt} and {@code
 * UpdatedAt} must be valid ISO-8601: real findings sometimes are not, and they are bad input.
 */
final class AsffFindings {
    private static final String WHAT = "ASFF finding";

    private AsffFindings() {
    }

    /** Whether a record is a finding of its own: it has the fields every ASFF finding has. */
    static boolean accepts(JsonNode record) {
        return record.has("SchemaVersion") && record.has("Id") && record.has("ProductArn");
    }

    /** One finding, on its own or taken from an EventBridge event. */
    static Event event(JsonNode finding, String raw, String instance) throws RecordException {
        if (!finding.isObject()) {
            throw new RecordException(WHAT + " is " + Fields.describe(finding) + ", expected an object");
        }
        String id = Fields.require(finding, "Id", WHAT);
        Timestamps.require(finding, "CreatedAt", WHAT);
        Instant updated = Timestamps.require(finding, "UpdatedAt", WHAT);
        String type = Fields.first(finding, "Types");
        return Event.builder()
                .id(id + "@" + updated)
                .source(SecurityHubKind.NAME)
                .instance(instance)
                .type(type == null ? "Finding" : type)
                .time(updated)
                .severity(severity(finding.path("Severity")))
                .detail(finding)
                .raw(raw)
                .build();
    }

    private static Severity severity(JsonNode severity) {
        return Severity.parse(Fields.text(severity, "Label")).orElseGet(() -> {
            JsonNode normalized = severity.path("Normalized");
            if (!normalized.isNumber()) {
                return Severity.INFO;
            }
            int n = normalized.asInt();
            return n >= 90 ? Severity.CRITICAL : n >= 70 ? Severity.HIGH : n >= 40 ? Severity.MEDIUM
                    : n >= 1 ? Severity.LOW : Severity.INFO;
        });
    }
}
