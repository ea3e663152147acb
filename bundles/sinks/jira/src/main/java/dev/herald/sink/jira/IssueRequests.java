package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Notification;
import dev.herald.api.text.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the JSON bodies of the three calls the sink makes, for the configured deployment: the JQL
 * search for an open issue carrying the delivery's (or the group's) label, the issue to create, and
 * the comment to add instead when that issue exists.
 */
final class IssueRequests {
    static final String LABEL_PREFIX = "herald-";
    /** Prefixed to a group before hashing, so a group's label never equals a delivery's. */
    static final String GROUP_PREFIX = "group:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}.*");
    private static final int LABEL_MAX = 255;

    private final Deployment deployment;
    private final String project;
    private final String issueType;
    private final List<String> labels;
    private final PriorityMap priorities;

    IssueRequests(Deployment deployment, String project, String issueType, List<String> labels,
                  PriorityMap priorities) {
        this.deployment = deployment;
        this.project = project;
        this.issueType = issueType;
        this.labels = labels;
        this.priorities = priorities;
    }

    /**
     * The label marking every issue of one delivery: {@code herald-} and the first 16 hex digits
     * of the idempotency key (Herald's keys are hex; any other key is hashed first).
     */
    static String deliveryLabel(String idempotencyKey) {
        String key = idempotencyKey.toLowerCase(java.util.Locale.ROOT);
        if (!HEX16.matcher(key).matches()) {
            key = Text.sha256Hex(idempotencyKey);
        }
        return LABEL_PREFIX + key.substring(0, 16);
    }

    /**
     * The label marking every issue of one group: {@code herald-} and 16 hex digits of the SHA-256
     * of {@code group:} and the template's group_key.
     */
    static String groupLabel(String groupKey) {
        return deliveryLabel(GROUP_PREFIX + groupKey);
    }

    /** The JQL finding an issue of this delivery that is not done. */
    String jql(String deliveryLabel) {
        return "project = \"" + project + "\" AND labels = \"" + deliveryLabel + "\" AND statusCategory != Done";
    }

    /** The search body: the first matching issue's key is all the sink needs. */
    ObjectNode search(String deliveryLabel) {
        ObjectNode body = JSON.createObjectNode().put("jql", jql(deliveryLabel)).put("maxResults", 1);
        body.putArray("fields").add("key");
        return body;
    }

    /** The key of the first issue in a search answer (same shape in v2 and v3). */
    static Optional<String> firstIssueKey(JsonNode answer) {
        String key = answer.path("issues").path(0).path("key").asText("");
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /**
     * The create-issue body: {@code {"fields": {...}}} with the template's extra fields and {@code
     * heraldLabel} (the delivery's or the group's label).
     */
    ObjectNode create(IssueContent content, Notification notification, String heraldLabel) {
        ObjectNode fields = content.fields().deepCopy();
        fields.putObject("project").put("key", project);
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", content.summary());
        fields.set("description", deployment.richText(content.description(), content.details()));
        ArrayNode labelArray = fields.putArray("labels");
        issueLabels(content, heraldLabel).forEach(labelArray::add);
        String priority = content.priority().isEmpty()
                ? priorities.nameFor(notification.severity()).orElse("") : content.priority();
        if (!priority.isEmpty()) {
            fields.putObject("priority").put("name", priority);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("fields", fields);
        return body;
    }

    /**
     * The comment telling the open issue that its event was delivered again, or that another event
     * of its group arrived, with the new text.
     */
    ObjectNode comment(IssueContent content, Notification notification) {
        String lead = content.grouped() ? "Herald delivered an update of this issue's subject"
                : "Herald delivered this event again";
        String text = lead + " (route " + notification.route() + ", event "
                + notification.event().id() + ", severity " + notification.severity().label() + "): "
                + content.summary() + "\n\n" + content.description();
        ObjectNode body = JSON.createObjectNode();
        body.set("body", deployment.richText(text, ""));
        return body;
    }

    /** The configured labels, then the template's, then Herald's; spaces (invalid in labels) become _. */
    private Set<String> issueLabels(IssueContent content, String heraldLabel) {
        Set<String> all = new LinkedHashSet<>();
        for (String label : labels) {
            addLabel(all, label);
        }
        for (String label : content.labels()) {
            addLabel(all, label);
        }
        all.add(heraldLabel);
        return all;
    }

    private static void addLabel(Set<String> labels, String label) {
        String l = label.strip().replaceAll("[\\s\\p{Cntrl}]+", "_");
        if (!l.isEmpty()) {
            labels.add(l.length() > LABEL_MAX ? l.substring(0, LABEL_MAX) : l);
        }
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }
}
