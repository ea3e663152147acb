package dev.herald.kind.illumio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.record.Timestamps;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Illumio flow summaries ({@code src_ip}, {@code dst_ip}, {@code dst_port}, {@code pd}). They have no
 * id of their own, so the event id is the caller's fallback id (file or object and line). Type
 * {@code flow.<decision>} from {@code pd} (0 allowed, 1 potentially blocked, 2 blocked, 3 unknown),
 * time {@code timestamp}; blocked and potentially blocked flows are low, the rest info. Ranked last
 * of Herald's kinds: its four field names are the most common.
 */
@Component(property = {RecordKind.NAME + "=" + IllumioFlowKind.NAME, "service.ranking:Integer=100"})
public final class IllumioFlowKind implements RecordKind {
    static final String NAME = "illumio-flow";
    private static final Set<String> MEMBERS_READ = Set.of("src_ip", "dst_ip", "dst_port", "pd", "timestamp");
    private static final String WHAT = "Illumio flow summary";
    private static final String[] DECISIONS = {"allowed", "potentially_blocked", "blocked", "unknown"};
    /** {@code flow.<decision>} of each decision: made once, not once per flow. */
    private static final String[] TYPES = {"flow.allowed", "flow.potentially_blocked", "flow.blocked", "flow.unknown"};

    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} The identifying four, and {@code timestamp}. */
    @Override
    public Set<String> membersRead() {
        return MEMBERS_READ;
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
        int decision = decisionCode(record.get("pd"));
        boolean blocked = decision == 1 || decision == 2;
        return List.of(event(record, raw, instance)
                .id(fallbackId)
                .type(TYPES[decision])
                .time(Timestamps.require(record, "timestamp", WHAT))
                .severity(blocked ? Severity.LOW : Severity.INFO)
                .build());
    }

    /**
     * {@code <source> -> <destination>:<port> <decision>}; the actor the source host (name, else
     * address); the target the destination host and port; the account the PCE; the outcome the
     * policy decision. A flow has no page of its own in the PCE: no link.
     */
    @Override
    public RecordSummary summary(Event event) {
        JsonNode f = event.detail();
        String actor = Fields.firstOf(Fields.text(f, "src_hostname"), Fields.text(f, "src_ip"));
        String port = Fields.text(f, "dst_port");
        String target = Fields.firstOf(Fields.text(f, "dst_hostname"), Fields.text(f, "dst_ip"));
        if (target != null && port != null) {
            target += ":" + port;
        }
        String outcome = f.has("pd") ? decision(f.get("pd")) : null;
        String title = (actor == null ? "?" : actor) + " -> " + (target == null ? "?" : target)
                + (outcome == null ? "" : " " + outcome.replace('_', ' '));
        return new RecordSummary(title, actor, target, Fields.text(f, "pce_fqdn"), null, outcome, null);
    }

    private static String decision(JsonNode pd) {
        return DECISIONS[decisionCode(pd)];
    }

    /** The index of the decision in {@link #DECISIONS}: {@code pd} when it is one, else 3 (unknown). */
    private static int decisionCode(JsonNode pd) {
        int code = pd.isIntegralNumber() || pd.isTextual() ? pd.asInt(-1) : -1;
        return code >= 0 && code < DECISIONS.length ? code : 3;
    }
}
