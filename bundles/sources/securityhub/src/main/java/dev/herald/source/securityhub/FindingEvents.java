package dev.herald.source.securityhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.RecordIsolation;
import java.util.List;

/**
 * Turns one finding into its Herald event through {@link RecordRecognizer}, so that polled and
 * pushed findings look exactly like the ones read from files: source {@code securityhub}, id
 * {@code <finding Id>@<UpdatedAt>} (OCSF: {@code finding_info.uid@<modified time>}), severity
 * from {@code Severity.Label}, detail the finding itself and raw its text as received. Each
 * finding is wrapped in an EventBridge envelope of its own, so that a finding with a malformed
 * field is quarantined alone (real findings sometimes carry malformed timestamps; whatever one
 * raises, see {@link RecordIsolation}) and never taken for another kind of record. A finding is
 * quarantined once per run: overlapping windows bring it again.
 */
final class FindingEvents {
    /** The EventBridge detail-type of ASFF findings; GetFindings returns ASFF too. */
    static final String ASFF_IMPORTED = "Security Hub Findings - Imported";
    /** The detail-type of findings a user sends from the console with a custom action: ASFF. */
    static final String ASFF_CUSTOM_ACTION = "Security Hub Findings - Custom Action";
    /** The detail-type of OCSF findings. */
    static final String OCSF_IMPORTED = "Findings Imported V2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instance;
    private final RecordIsolation isolation;
    private final RecordRecognizer recognizer;

    FindingEvents(String instance, Journal journal, RecordRecognizer recognizer) {
        this.instance = instance;
        this.recognizer = recognizer;
        this.isolation = new RecordIsolation(instance, journal);
    }

    /**
     * The finding's event, or none when it was quarantined.
     *
     * @param detailType one of the detail-types above: which format the finding is in
     * @param finding    the finding object
     * @param text       its text as received, the event's raw text
     * @param location   where it came from, for the quarantine
     */
    List<Event> event(String detailType, JsonNode finding, String text, String location) {
        return isolation.events(location, text, () -> convert(detailType, finding, text));
    }

    /**
     * A quarantined finding's event, read again from its text: ASFF when it has {@code
     * SchemaVersion}, else OCSF, the two formats the source takes.
     *
     * @throws RecordException when it still cannot be converted
     */
    List<Event> reread(String text) throws RecordException {
        JsonNode finding;
        try {
            finding = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordException("the finding is not JSON: " + e.getOriginalMessage(), e);
        }
        if (finding == null || !finding.isObject()) {
            throw new RecordException("a finding must be a JSON object");
        }
        return convert(finding.has("SchemaVersion") ? ASFF_IMPORTED : OCSF_IMPORTED, finding, text);
    }

    private List<Event> convert(String detailType, JsonNode finding, String text) throws RecordException {
        ObjectNode envelope = JSON.createObjectNode().put("detail-type", detailType);
        envelope.putObject("detail").putArray("findings").add(finding);
        // the recognizer cuts each finding's raw text out of the envelope's: this one holds it as received
        String raw = "{\"detail-type\":" + envelope.get("detail-type") + ",\"detail\":{\"findings\":[" + text
                + "]}}";
        return recognizer.events(envelope, raw, instance, null);
    }

    /** Where a finding came from: its Id (ASFF) or finding_info.uid (OCSF) when it has one. */
    static String identity(JsonNode finding) {
        JsonNode id = finding.path("Id");
        if (!id.isTextual()) {
            id = finding.path("finding_info").path("uid");
        }
        return id.isTextual() ? id.asText() : "(no id)";
    }
}
