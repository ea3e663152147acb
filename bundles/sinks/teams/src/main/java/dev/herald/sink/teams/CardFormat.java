package dev.herald.sink.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;

/**
 * The payload a Teams webhook is configured to receive. Core renders the body; the sink checks
 * that it has the configured shape, so that a template of the wrong set fails with a reason that
 * says so instead of with Teams' terse "bad payload".
 */
enum CardFormat {
    /** A Workflows (Power Automate) webhook: a message carrying an Adaptive Card attachment. */
    ADAPTIVE("adaptive"),
    /** A legacy Office 365 connector: an actionable MessageCard. */
    MESSAGECARD("messagecard");

    static final String ADAPTIVE_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String value;

    CardFormat(String value) {
        this.value = value;
    }

    static CardFormat of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (CardFormat f : values()) {
            if (f.value.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + value + "' is not supported: use adaptive (a Workflows"
                + " webhook) or messagecard (a legacy Office 365 connector)");
    }

    /** What is wrong with {@code body} for this format, or empty when it has the right shape. */
    Optional<String> problem(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of("the rendered body is not valid JSON (" + e.getOriginalMessage()
                    + "): check the template");
        }
        if (root == null || !root.isObject()) {
            return Optional.of("the rendered body is not a JSON object: check the template");
        }
        return this == ADAPTIVE ? adaptiveProblem(root) : messageCardProblem(root);
    }

    private static Optional<String> adaptiveProblem(JsonNode root) {
        if (!"message".equals(root.path("type").asText()) || !root.path("attachments").isArray()
                || root.path("attachments").isEmpty()) {
            return Optional.of("the rendered body is not a Teams message with attachments (format = adaptive"
                    + " expects {\"type\":\"message\",\"attachments\":[...]}): check the template, or set"
                    + " format = messagecard if it renders a MessageCard");
        }
        for (JsonNode attachment : root.path("attachments")) {
            if (!ADAPTIVE_CONTENT_TYPE.equals(attachment.path("contentType").asText())
                    || !"AdaptiveCard".equals(attachment.path("content").path("type").asText())) {
                return Optional.of("every attachment must be an Adaptive Card (contentType "
                        + ADAPTIVE_CONTENT_TYPE + ", content.type AdaptiveCard): check the template");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> messageCardProblem(JsonNode root) {
        if (!"MessageCard".equals(root.path("@type").asText())) {
            return Optional.of("the rendered body is not a MessageCard (format = messagecard expects"
                    + " \"@type\":\"MessageCard\"): use the templates under templates/messagecard/ of the teams"
                    + " sink bundle, or set format = adaptive");
        }
        if (root.path("summary").asText().isBlank() && root.path("text").asText().isBlank()) {
            return Optional.of("the MessageCard has neither summary nor text, which Teams requires: check the"
                    + " template");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
