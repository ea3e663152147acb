package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.sink.TemplateOutput;
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
    private static final TemplateOutput OUTPUT = new TemplateOutput("jira", "a valid Jira issue");

    /**
     * @throws DeliveryException permanent, naming the field, when the rendered body is not valid
     */
    static IssueContent parse(String body) throws DeliveryException {
        ObjectNode root = OUTPUT.object(body);
        String summary = PlainText.oneLine(text(root, "summary"), SUMMARY_MAX);
        if (summary.isEmpty()) {
            throw OUTPUT.invalid("summary is required (the issue's title)");
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
            throw OUTPUT.invalid("group_key must be a string naming what the issue is about (e.g. the finding id)");
        }
        return text(root, "group_key").strip();
    }

    private static String text(ObjectNode root, String field) throws DeliveryException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw OUTPUT.invalid(field + " must be a string");
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
            throw OUTPUT.invalid("labels must be an array of strings");
        }
        for (JsonNode label : value) {
            if (!label.isTextual()) {
                throw OUTPUT.invalid("labels must be an array of strings");
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
            throw OUTPUT.invalid("fields must be an object of Jira fields, e.g. {\"customfield_10042\": \"value\"}");
        }
        for (String reserved : RESERVED) {
            if (fields.has(reserved)) {
                throw OUTPUT.invalid("fields must not set " + reserved + ": use the template's own " + reserved
                        + " (or the sink's configuration for project and issue_type)");
            }
        }
        return fields;
    }

}
