package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge events from Security Hub: {@code Security Hub Findings - Imported} (and {@code -
 * Custom Action}) carry ASFF findings in {@code detail.findings}, {@code Findings Imported V2}
 * carries OCSF findings there. Each finding becomes an event whose detail and raw text are the
 * finding's own. One bad finding makes the whole envelope bad input, so that it is quarantined
 * as received.
 */
final class SecurityHubEnvelopes implements KindMapper {
    static final String ASFF_IMPORTED = "Security Hub Findings - Imported";
    static final String ASFF_CUSTOM_ACTION = "Security Hub Findings - Custom Action";
    static final String OCSF_IMPORTED = "Findings Imported V2";

    @Override
    public RecordKind kind() {
        return RecordKind.SECURITYHUB;
    }

    @Override
    public boolean accepts(JsonNode record) {
        String detailType = Fields.text(record, "detail-type");
        return (ASFF_IMPORTED.equals(detailType) || ASFF_CUSTOM_ACTION.equals(detailType)
                || OCSF_IMPORTED.equals(detailType)) && record.has("detail");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        String detailType = Fields.text(record, "detail-type");
        boolean ocsf = OCSF_IMPORTED.equals(detailType);
        JsonNode detail = record.get("detail");
        JsonNode findings = detail.path("findings");
        if (ocsf && findings.isMissingNode() && detail.has("finding_info")) {
            String text = RawSlices.value(raw, "detail");
            return List.of(OcsfFindings.event(detail, text == null ? detail.toString() : text, instance));
        }
        if (!findings.isArray() || findings.isEmpty()) {
            throw new RecordException("EventBridge event '" + detailType + "' has no findings in detail.findings");
        }
        List<String> texts = RawSlices.arrayElements(raw, "detail", "findings");
        List<Event> events = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            JsonNode finding = findings.get(i);
            String text = texts != null && texts.size() == findings.size() ? texts.get(i) : finding.toString();
            try {
                events.add(ocsf ? OcsfFindings.event(finding, text, instance) : AsffFindings.event(finding, text, instance));
            } catch (RecordException e) {
                if (findings.size() == 1) {
                    throw e;
                }
                throw new RecordException("finding " + (i + 1) + " of " + findings.size() + ": " + e.getMessage(), e);
            }
        }
        return events;
    }
}
