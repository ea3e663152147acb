package dev.herald.source.securityhub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RawSlices;
import dev.herald.api.record.RecordRecognizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one EventBridge API-destination delivery: checks the shared secret (in constant time),
 * the size and the media type, reads a {@code Security Hub Findings - Imported} (ASFF) or {@code
 * Findings Imported V2} (OCSF) event and appends one event per finding to the journal. It answers
 * 200 only once the journal committed; 503 when it could not, so that EventBridge delivers again
 * (the journal drops the repeats by id). A finding with a malformed field is quarantined and the
 * others are committed: delivering it again would not mend it. Free of the servlet API, so it is
 * tested directly.
 */
final class PushHandler {
    /** What to answer: an HTTP status and a small JSON document. */
    record Answer(int status, String body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PushHandler.class);
    /** Refuses duplicate member names: the findings' texts are cut from the body and must be the ones parsed. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> DETAIL_TYPES = Set.of(FindingEvents.ASFF_IMPORTED,
            FindingEvents.ASFF_CUSTOM_ACTION, FindingEvents.OCSF_IMPORTED);
    private static final String EXPECTED = "expected an EventBridge event from Security Hub: detail-type '"
            + FindingEvents.ASFF_IMPORTED + "' (ASFF findings) or '" + FindingEvents.OCSF_IMPORTED
            + "' (OCSF findings) with the findings in detail.findings";

    private final SecurityHubSettings settings;
    private final Journal journal;
    private final FindingEvents findings;
    private final byte[] secretDigest;

    PushHandler(SecurityHubSettings settings, Journal journal, RecordRecognizer recognizer) {
        this.settings = settings;
        this.journal = journal;
        this.findings = new FindingEvents(settings.name(), journal, recognizer);
        this.secretDigest = digest(settings.headerSecret());
    }

    /**
     * Handles one POST.
     *
     * @param secret        the value of the configured header, null when absent
     * @param contentType   the Content-Type header, null when absent
     * @param contentLength the declared body length, -1 when unknown
     * @param body          the request body
     */
    Answer handle(String secret, String contentType, long contentLength, InputStream body) throws IOException {
        if (secret == null || !MessageDigest.isEqual(digest(secret), secretDigest)) {
            return error(401, "missing or wrong " + settings.headerName() + " header");
        }
        if (contentLength > settings.maxBodyBytes()) {
            return tooLarge();
        }
        if (contentType != null && !json(contentType)) {
            return error(415, "Content-Type must be application/json");
        }
        byte[] bytes = body.readNBytes(settings.maxBodyBytes() + 1);
        if (bytes.length > settings.maxBodyBytes()) {
            return tooLarge();
        }
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return error(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        JsonNode detailType = event == null ? null : event.get("detail-type");
        if (detailType == null || !DETAIL_TYPES.contains(detailType.asText()) || !event.path("detail").isObject()) {
            return error(422, EXPECTED);
        }
        List<JsonNode> found = findings(event.get("detail"), detailType.asText());
        if (found.isEmpty()) {
            return error(422, "the event has no findings; " + EXPECTED);
        }
        String eventId = event.path("id").asText("");
        List<String> texts = texts(bytes, found.size() == 1 && found.get(0) == event.get("detail"));
        List<Event> events = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            JsonNode finding = found.get(i);
            String text = texts.size() == found.size() ? texts.get(i) : finding.toString();
            String location = "EventBridge event " + eventId + " finding " + (i + 1) + " of " + found.size() + ": "
                    + FindingEvents.identity(finding);
            events.addAll(findings.event(detailType.asText(), finding, text, location));
        }
        try {
            int fresh = events.isEmpty() ? 0 : journal.append(settings.name(), events, null);
            ObjectNode answer = JSON.createObjectNode().put("findings", found.size()).put("events", events.size())
                    .put("new", fresh).put("quarantined", found.size() - events.size());
            return new Answer(200, answer.toString());
        } catch (JournalException e) {
            LOG.warn("Security Hub source '{}': the journal refused {} pushed findings ({}); answering 503 so that"
                    + " EventBridge delivers them again", settings.name(), events.size(), e.getMessage());
            return error(503, "Herald could not store the findings now; deliver again later");
        }
    }

    /** The findings of {@code detail}: its findings array, or (OCSF) the detail itself when it is one finding. */
    private static List<JsonNode> findings(JsonNode detail, String detailType) {
        List<JsonNode> found = new ArrayList<>();
        JsonNode array = detail.get("findings");
        if (array != null && array.isArray()) {
            array.forEach(found::add);
        } else if (array == null && FindingEvents.OCSF_IMPORTED.equals(detailType) && detail.has("finding_info")) {
            found.add(detail);
        }
        return found;
    }

    private Answer tooLarge() {
        return error(413, "the body exceeds max_body_bytes = " + settings.maxBodyBytes());
    }

    private static boolean json(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    static Answer error(int status, String message) {
        return new Answer(status, JSON.createObjectNode().put("error", message).toString());
    }

    /** Hashing first makes the comparison's time independent of where, and whether, the lengths differ. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * The findings' texts exactly as EventBridge sent them ({@link RawSlices}): the elements of
     * {@code detail.findings}, or {@code detail} itself when it is the one finding (an OCSF finding
     * posted on its own); empty when the body has another shape.
     */
    private static List<String> texts(byte[] body, boolean detailIsTheFinding) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (detailIsTheFinding) {
            String detail = RawSlices.value(text, "detail");
            return detail == null ? List.of() : List.of(detail);
        }
        List<String> findings = RawSlices.arrayElements(text, "detail", "findings");
        return findings == null ? List.of() : findings;
    }
}
