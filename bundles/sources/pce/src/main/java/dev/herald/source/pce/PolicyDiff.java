package dev.herald.source.pce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Map;

/**
 * A PCE audit event's {@code resource_changes} as lines a person reads, one per changed field:
 * {@code update rule_set "Web tier": enabled: true → false}; a created or deleted resource
 * without field changes gets one line of its own.
 */
final class PolicyDiff {
    /** Values longer than this (a whole rule's scopes, say) are cut. */
    static final int MAX_VALUE = 200;

    private PolicyDiff() {
    }

    static ArrayNode of(JsonNode resourceChanges) {
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        for (JsonNode change : resourceChanges) {
            String subject = change.path("change_type").asText("change") + " " + resource(change.path("resource"));
            JsonNode fields = change.path("changes");
            if (!fields.isObject() || fields.isEmpty()) {
                lines.add(subject);
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                lines.add(subject + ": " + f.getKey() + ": " + value(f.getValue().path("before")) + " → "
                        + value(f.getValue().path("after")));
            }
        }
        return lines;
    }

    /** {@code rule_set "Web tier"}: the resource's type (its only key) and its name, else its href. */
    private static String resource(JsonNode resource) {
        if (!resource.isObject() || resource.isEmpty()) {
            return "resource";
        }
        Map.Entry<String, JsonNode> typed = resource.fields().next();
        JsonNode r = typed.getValue();
        for (String field : new String[] {"name", "hostname", "value", "username", "href"}) {
            if (r.path(field).isTextual()) {
                return typed.getKey() + " \"" + r.path(field).asText() + "\"";
            }
        }
        return typed.getKey();
    }

    private static String value(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "(none)";
        }
        String text = v.isTextual() ? "\"" + v.asText() + "\"" : v.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "…";
    }
}
