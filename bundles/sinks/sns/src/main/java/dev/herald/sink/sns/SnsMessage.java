package dev.herald.sink.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.api.Notification;
import dev.herald.api.text.Text;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message as SNS takes it, from a rendered body {@code {"subject": "...", "message": ...}}:
 * the message is sent as is when it is a string and as compact JSON when the template wrote a
 * JSON document; the subject is made what SNS accepts; the attributes let subscriptions filter.
 *
 * @param subject              the subject, or null for none
 * @param message              the message
 * @param attributes           String message attributes by name
 * @param messageGroupId       FIFO only, else null
 * @param deduplicationId      FIFO only, else null
 */
record SnsMessage(String subject, String message, Map<String, String> attributes, String messageGroupId,
                  String deduplicationId) {
    /** The most SNS takes in one message, attributes included, and in one PublishBatch call. */
    static final int MAX_BYTES = 256 * 1024;
    /** SNS: "must be less than 100 characters long". */
    static final int MAX_SUBJECT = 99;
    /** SNS's longest MessageGroupId and MessageDeduplicationId. */
    static final int MAX_FIFO_ID = 128;
    /** Letters, digits and ASCII punctuation: what SNS takes in FIFO ids. */
    static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1," + MAX_FIFO_ID + "}");

    static final String EVENT_TYPE = "herald.event_type";
    static final String SEVERITY = "herald.severity";
    static final String SOURCE = "herald.source";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOT_PRINTABLE_ASCII = Pattern.compile("[^\\x20-\\x7e]+");

    /**
     * The message for {@code notification}.
     *
     * @param withSubject    whether to send the template's subject
     * @param messageGroupId the FIFO group id, or null for a standard topic or SMS
     * @throws DeliveryException permanent, when the body is not what the templates must render
     *                           or the message is empty or too large for SNS
     */
    static SnsMessage of(Notification notification, boolean withSubject, String messageGroupId)
            throws DeliveryException {
        JsonNode body;
        try {
            body = JSON.readTree(notification.body());
        } catch (JsonProcessingException e) {
            throw DeliveryException.permanent("the rendered template is not JSON (" + e.getOriginalMessage()
                    + "): an SNS template renders {\"subject\": \"...\", \"message\": ...}");
        }
        JsonNode messageNode = body == null ? null : body.get("message");
        if (messageNode == null || messageNode.isNull()) {
            throw DeliveryException.permanent("the rendered template has no \"message\": an SNS template renders"
                    + " {\"subject\": \"...\", \"message\": ...}");
        }
        String message = messageNode.isTextual() ? messageNode.asText() : messageNode.toString();
        if (message.isBlank()) {
            throw DeliveryException.permanent("the rendered message is empty: SNS rejects empty messages");
        }
        String subject = withSubject ? subject(body.path("subject").asText("")) : null;
        Map<String, String> attributes = new LinkedHashMap<>();
        putIfPresent(attributes, EVENT_TYPE, notification.event().type());
        putIfPresent(attributes, SEVERITY, notification.severity().label());
        putIfPresent(attributes, SOURCE, notification.event().source());
        SnsMessage m = new SnsMessage(subject, message, Map.copyOf(attributes), messageGroupId,
                messageGroupId == null ? null : deduplicationId(notification.idempotencyKey()));
        if (m.size() > MAX_BYTES) {
            throw DeliveryException.permanent("the rendered message has " + m.size() + " bytes with its attributes;"
                    + " SNS takes at most " + MAX_BYTES + ": shorten the template");
        }
        return m;
    }

    /** What SNS counts against its size limits: message, subject and attributes, in UTF-8 bytes. */
    int size() {
        int size = utf8(message) + (subject == null ? 0 : utf8(subject));
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            size += utf8(a.getKey()) + utf8("String") + utf8(a.getValue());
        }
        return size;
    }

    /**
     * The idempotency key when SNS takes it as a deduplication id, else its SHA-256: stable across
     * retries either way, so SNS drops a retried copy of a message it already has.
     */
    static String deduplicationId(String idempotencyKey) {
        return FIFO_ID.matcher(idempotencyKey).matches() ? idempotencyKey : Text.sha256Hex(idempotencyKey);
    }

    /**
     * ASCII without line breaks or control characters, starting with a letter, digit or punctuation,
     * shorter than 100 characters; null when nothing is left.
     */
    static String subject(String rendered) {
        // é becomes e rather than a space
        String ascii = Normalizer.normalize(rendered, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String s = NOT_PRINTABLE_ASCII.matcher(ascii).replaceAll(" ").replaceAll(" {2,}", " ").strip();
        if (s.length() > MAX_SUBJECT) {
            s = s.substring(0, MAX_SUBJECT - 3).stripTrailing() + "...";
        }
        return s.isEmpty() ? null : s;
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value);
        }
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
