package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.util.List;

/**
 * Illumio flow summaries. They have no id of their own, so the event id is the caller's fallback
 * id (file or object and line). Type {@code flow.<decision>} from {@code pd} (0 allowed, 1
 * potentially blocked, 2 blocked, 3 unknown), time {@code timestamp}; blocked and potentially
 * blocked flows are low, the rest info.
 */
final class IllumioFlows implements KindMapper {
    private static final String WHAT = "Illumio flow summary";
    private static final String[] DECISIONS = {"allowed", "potentially_blocked", "blocked", "unknown"};

    @Override
    public RecordKind kind() {
        return RecordKind.ILLUMIO_FLOW;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return record.has("src_ip") && record.has("dst_ip") && record.has("dst_port") && record.has("pd");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        if (fallbackId == null || fallbackId.isBlank()) {
            throw new RecordException(WHAT + " has no id of its own and the source gave no fallback id");
        }
        String decision = decision(record.get("pd"));
        boolean blocked = decision.equals("blocked") || decision.equals("potentially_blocked");
        return List.of(Event.builder()
                .id(fallbackId)
                .source(kind().source())
                .instance(instance)
                .type("flow." + decision)
                .time(Timestamps.require(record, "timestamp", WHAT))
                .severity(blocked ? Severity.LOW : Severity.INFO)
                .detail(record)
                .raw(raw)
                .build());
    }

    private static String decision(JsonNode pd) {
        int code = pd.isIntegralNumber() || pd.isTextual() ? pd.asInt(-1) : -1;
        return code >= 0 && code < DECISIONS.length ? DECISIONS[code] : "unknown";
    }
}
