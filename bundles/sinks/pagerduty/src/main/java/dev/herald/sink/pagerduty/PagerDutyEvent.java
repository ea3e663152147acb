package dev.herald.sink.pagerduty;

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
import java.util.Optional;
import java.util.Set;

/**
 * Turns a rendered template (a PagerDuty Events API v2 event without {@code routing_key}) into
 * the request body: checks what the API requires, so a broken template fails here with a clear
 * reason rather than as an opaque 400, and fills what Herald can supply.
 */
final class PagerDutyEvent {
    static final int SUMMARY_MAX = 1024;
    static final int DEDUP_KEY_MAX = 255;
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateOutput OUTPUT = new TemplateOutput("pagerduty", "a valid PagerDuty event");

    private PagerDutyEvent() {
    }

    /**
     * The JSON to send for {@code notification}: its body with {@code routing_key} added; {@code
     * event_action} defaulting to trigger; {@code dedup_key} defaulting to the idempotency key for
     * a trigger, and hashed when longer than PagerDuty allows; {@code payload.severity} mapped
     * from a Herald or PagerDuty word, or taken from the notification; the summary truncated.
     *
     * @throws DeliveryException permanent, naming the field, when the body is not a valid event
     */
    static byte[] toRequest(Notification notification, String routingKey) throws DeliveryException {
        ObjectNode event = OUTPUT.object(notification.body());
        if (event.has("routing_key")) {
            throw OUTPUT.invalid("it must not set routing_key: Herald adds the configured routing_key");
        }
        String action = text(event, "event_action").orElse("trigger");
        if (!ACTIONS.contains(action)) {
            throw OUTPUT.invalid("event_action '" + action + "' is not one of trigger, acknowledge, resolve");
        }
        String dedupKey = text(event, "dedup_key").orElse("");
        if (dedupKey.isEmpty()) {
            if (!action.equals("trigger")) {
                throw OUTPUT.invalid("an event with event_action " + action + " needs the dedup_key of the alert it "
                        + action + "s");
            }
            dedupKey = notification.idempotencyKey();
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("routing_key", routingKey);
        request.put("event_action", action);
        request.put("dedup_key", fitDedupKey(dedupKey));
        event.remove("event_action");
        event.remove("dedup_key");
        if (action.equals("trigger")) {
            completePayload(event, notification.severity());
        }
        request.setAll(event);
        try {
            return JSON.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    private static void completePayload(ObjectNode event, Severity heraldSeverity) throws DeliveryException {
        JsonNode node = event.get("payload");
        if (!(node instanceof ObjectNode payload)) {
            throw OUTPUT.invalid("a trigger needs a payload object with summary, source and severity");
        }
        String summary = text(payload, "summary").orElseThrow(() -> OUTPUT.invalid("payload.summary is required"));
        payload.put("summary", Text.truncate(summary, SUMMARY_MAX));
        if (text(payload, "source").isEmpty()) {
            throw OUTPUT.invalid("payload.source is required (the affected system: a host, an account, a PCE)");
        }
        String word = text(payload, "severity").orElse(heraldSeverity.label());
        Severity severity = Severity.parse(word).orElseThrow(() -> OUTPUT.invalid("payload.severity '" + word
                + "' is not a severity: use critical, error, warning or info (or Herald's {{ severity }})"));
        payload.put("severity", pagerDutySeverity(severity));
    }

    /** PagerDuty's four levels: critical→critical, high→error, medium→warning, low and info→info. */
    static String pagerDutySeverity(Severity severity) {
        switch (severity) {
            case CRITICAL: return "critical";
            case HIGH: return "error";
            case MEDIUM: return "warning";
            default: return "info";
        }
    }

    /**
     * A key within PagerDuty's limit. A longer one is replaced by its SHA-256, not cut: cutting
     * could make two subjects share an alert, hashing keeps it stable and distinct.
     */
    static String fitDedupKey(String key) {
        if (key.length() <= DEDUP_KEY_MAX) {
            return key;
        }
        return "sha256:" + Text.sha256Hex(key);
    }
    private static Optional<String> text(ObjectNode node, String field) throws DeliveryException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw OUTPUT.invalid(field + " must be a string");
        }
        String s = value.asText().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

}
