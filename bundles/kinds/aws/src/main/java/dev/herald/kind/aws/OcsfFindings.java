package dev.herald.kind.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.Timestamps;
import java.time.Instant;

/**
 * Findings in OCSF 1.x (Compliance, Detection, Vulnerability Finding …), as the newer Security
 * Hub sends them ({@code Findings Imported V2}). Event id {@code finding_info.uid@<modified
 * time>} (each update is a new event), time the finding's last modification ({@code
 * finding_info.modified_time_dt} or {@code finding_info.modified_time}, else {@code time_dt} or
 * {@code time}; {@code *_dt} are ISO-8601, the others epoch milliseconds), type the first of
 * {@code finding_info.types} or else {@code class_name}, severity the {@code severity} caption or
 * else {@code severity_id} (1 informational … 5 critical, 6 fatal).
 */
final class OcsfFindings {
    private static final String WHAT = "OCSF finding";
    private static final Severity[] BY_ID = {Severity.INFO, Severity.INFO, Severity.LOW, Severity.MEDIUM,
        Severity.HIGH, Severity.CRITICAL, Severity.CRITICAL};

    private OcsfFindings() {
    }

    static Event event(JsonNode finding, String raw, String instance) throws RecordException {
        if (!finding.isObject()) {
            throw new RecordException(WHAT + " is " + Fields.describe(finding) + ", expected an object");
        }
        JsonNode info = finding.path("finding_info");
        String uid = Fields.text(info, "uid");
        if (uid == null) {
            throw new RecordException(WHAT + " has no finding_info.uid");
        }
        Instant time = time(finding, info);
        String type = Fields.first(info, "types");
        if (type == null) {
            type = Fields.text(finding, "class_name");
        }
        return Event.builder()
                .id(uid + "@" + time)
                .source(SecurityHubKind.NAME)
                .instance(instance)
                .type(type == null ? "Finding" : type)
                .time(time)
                .severity(severity(finding))
                .detail(finding)
                .raw(raw)
                .build();
    }

    private static Instant time(JsonNode finding, JsonNode info) throws RecordException {
        if (info.has("modified_time_dt")) {
            return Timestamps.iso(info.get("modified_time_dt"), "finding_info.modified_time_dt", WHAT);
        }
        if (info.has("modified_time")) {
            return Timestamps.isoOrEpochMillis(info.get("modified_time"), "finding_info.modified_time", WHAT);
        }
        if (finding.has("time_dt")) {
            return Timestamps.iso(finding.get("time_dt"), "time_dt", WHAT);
        }
        return Timestamps.isoOrEpochMillis(finding.get("time"), "time", WHAT);
    }

    private static Severity severity(JsonNode finding) {
        return Severity.parse(Fields.text(finding, "severity")).orElseGet(() -> {
            int id = finding.path("severity_id").asInt(0);
            return id >= 0 && id < BY_ID.length ? BY_ID[id] : Severity.INFO;
        });
    }
}
