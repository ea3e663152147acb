package dev.herald.sink.servicenow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.sink.TemplateOutput;
import dev.herald.api.text.Text;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a rendered template (a JSON object of incident fields) into the Table API request body:
 * checks its shape, so a broken template fails here with a clear reason rather than as an opaque
 * 400, sets {@code correlation_id} and {@code correlation_display}, fills {@code urgency} and
 * {@code impact} from Herald's severity when the template leaves them out, and cuts {@code
 * short_description} to the incident table's 160 characters. An optional {@code group_key} (what
 * the incident is about, e.g. a finding id) is not sent: the correlation id derives from it
 * instead of the idempotency key, so deliveries of one group update one incident.
 */
final class IncidentFields {
    static final String CORRELATION_DISPLAY = "Herald";
    /** The template field naming what the incident is about. */
    static final String GROUP_KEY = "group_key";
    /** Prefixed to a group before it becomes a correlation id, so it never equals an idempotency key. */
    static final String GROUP_PREFIX = "group:";
    /** The length of task.correlation_id. */
    static final int CORRELATION_ID_MAX = 100;
    /** The length of task.short_description. */
    static final int SHORT_DESCRIPTION_MAX = 160;
    /** Characters that cannot end or split a sysparm_query term (^ separates terms, = compares). */
    private static final Pattern QUERY_SAFE = Pattern.compile("[A-Za-z0-9._:@/-]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateOutput OUTPUT = new TemplateOutput("servicenow", "a set of ServiceNow fields");

    private IncidentFields() {
    }

    /** The correlation id the incident is looked up by, and the JSON to POST or PATCH. */
    record Request(String correlationId, byte[] body) {
    }

    /**
     * The request for {@code notification}.
     *
     * @throws DeliveryException permanent, naming the field, when the body is not a flat JSON object
     */
    static Request toRequest(Notification notification) throws DeliveryException {
        ObjectNode fields = OUTPUT.object(notification.body());
        if (fields.isEmpty()) {
            throw OUTPUT.invalid("it must be a JSON object of incident fields, e.g. {\"short_description\": \"…\"}");
        }
        if (fields.has("correlation_id") || fields.has("correlation_display")) {
            throw OUTPUT.invalid("it must not set correlation_id or correlation_display: Herald sets them so that a"
                    + " repeat updates the incident it created (use group_key to say what the incident is about)");
        }
        Optional<String> group = group(fields.remove(GROUP_KEY));
        String correlationId = correlationId(group.map(g -> GROUP_PREFIX + g).orElse(notification.idempotencyKey()));
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isContainerNode()) {
                throw OUTPUT.invalid("field " + field.getKey() + " must be a string, number or boolean, not "
                        + (field.getValue().isArray() ? "an array" : "an object")
                        + " (use the tojson filter inside a string, e.g. in description)");
            }
        }
        JsonNode shortDescription = fields.get("short_description");
        if (shortDescription != null && shortDescription.isTextual()) {
            fields.put("short_description", Text.truncate(shortDescription.asText(), SHORT_DESCRIPTION_MAX));
        }
        if (!fields.hasNonNull("urgency")) {
            fields.put("urgency", urgency(notification.severity()));
        }
        if (!fields.hasNonNull("impact")) {
            fields.put("impact", impact(notification.severity()));
        }
        fields.put("correlation_id", correlationId);
        fields.put("correlation_display", CORRELATION_DISPLAY);
        try {
            return new Request(correlationId, JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    /**
     * The correlation id for an idempotency key or a prefixed group: the value itself when it fits
     * task.correlation_id and a sysparm_query term, else its SHA-256 (stable, so a retry still
     * finds the incident).
     */
    static String correlationId(String key) {
        if (key.length() <= CORRELATION_ID_MAX && QUERY_SAFE.matcher(key).matches()) {
            return key;
        }
        return "sha256:" + Text.sha256Hex(key);
    }

    /** The template's group_key: absent when missing, null or blank (the delivery is its own incident). */
    private static Optional<String> group(JsonNode value) throws DeliveryException {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw OUTPUT.invalid(GROUP_KEY + " must be a string naming what the incident is about (e.g. the finding id),"
                    + " not " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        String group = value.asText().strip();
        return group.isEmpty() ? Optional.empty() : Optional.of(group);
    }

    /** ServiceNow urgency: critical and high → 1 (High), medium → 2 (Medium), low and info → 3 (Low). */
    static String urgency(Severity severity) {
        switch (severity) {
            case CRITICAL:
            case HIGH: return "1";
            case MEDIUM: return "2";
            default: return "3";
        }
    }

    /**
     * ServiceNow impact: critical → 1 (High), high and medium → 2 (Medium), low and info → 3 (Low).
     * A high finding is urgent but usually touches one resource, so its impact stays medium: with
     * the default priority lookup, critical is P1, high P2, medium P3, low and info P5.
     */
    static String impact(Severity severity) {
        switch (severity) {
            case CRITICAL: return "1";
            case HIGH:
            case MEDIUM: return "2";
            default: return "3";
        }
    }
}
