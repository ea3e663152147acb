package dev.herald.sink.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a Jira template renders, the same for Cloud and Data Center: {@code summary} (required),
 * {@code description} (plain text, blank lines between paragraphs), {@code details} (optional, any
 * JSON, shown as a code block), {@code labels}, {@code priority} (a Jira priority name overriding
 * the severity mapping), {@code fields} (other Jira fields, e.g. custom fields, as the create
 * API takes them) and {@code group_key} (optional: what the issue is about, e.g. a finding id; empty
 * when absent or blank). The sink turns it into the request body of the configured deployment.
 */
record IssueContent(String summary, String description, String details, List<String> labels, String priority,
                    ObjectNode fields, String groupKey) {
    /** Jira's limit on the summary. */
    static final int SUMMARY_MAX = 255;
    /** Fields the sink sets itself, so {@code fields} must not. */
    static final Set<String> RESERVED = Set.of("project", "issuetype", "summary", "description", "labels",
            "priority");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws DeliveryException permanent, naming the field, when the rendered body is not valid
     */
    static IssueContent parse(String body) throws DeliveryException {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(tree instanceof ObjectNode root)) {
            throw invalid("it must be a JSON object with summary and description");
        }
        String summary = PlainText.oneLine(text(root, "summary"), SUMMARY_MAX);
        if (summary.isEmpty()) {
            throw invalid("summary is required (the issue's title)");
        }
        JsonNode details = root.path("details");
        String detailsText = details.isMissingNode() || details.isNull() ? ""
                : details.isTextual() ? details.asText() : details.toPrettyString();
        return new IssueContent(summary, text(root, "description"), detailsText, labels(root),
                text(root, "priority").strip(), fields(root), groupKey(root));
    }

    /** Whether the template named what the issue is about, so that deliveries of one group share it. */
    boolean grouped() {
        return !groupKey.isEmpty();
    }

    private static String groupKey(ObjectNode root) throws DeliveryException {
        JsonNode value = root.get("group_key");
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw invalid("group_key must be a string naming what the issue is about (e.g. the finding id)");
        }
        return text(root, "group_key").strip();
    }

    private static String text(ObjectNode root, String field) throws DeliveryException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static List<String> labels(ObjectNode root) throws DeliveryException {
        JsonNode value = root.get("labels");
        List<String> labels = new ArrayList<>();
        if (value == null || value.isNull()) {
            return labels;
        }
        if (!value.isArray()) {
            throw invalid("labels must be an array of strings");
        }
        for (JsonNode label : value) {
            if (!label.isTextual()) {
                throw invalid("labels must be an array of strings");
            }
            labels.add(label.asText());
        }
        return labels;
    }

    private static ObjectNode fields(ObjectNode root) throws DeliveryException {
        JsonNode value = root.get("fields");
        if (value == null || value.isNull()) {
            return JSON.createObjectNode();
        }
        if (!(value instanceof ObjectNode fields)) {
            throw invalid("fields must be an object of Jira fields, e.g. {\"customfield_10042\": \"value\"}");
        }
        for (String reserved : RESERVED) {
            if (fields.has(reserved)) {
                throw invalid("fields must not set " + reserved + ": use the template's own " + reserved
                        + " (or the sink's configuration for project and issue_type)");
            }
        }
        return fields;
    }

    private static DeliveryException invalid(String why) {
        return DeliveryException.permanent("the rendered template is not a valid Jira issue: " + why
                + " — check the jira template (etc/herald/templates/jira/ or the route's)");
    }
}
