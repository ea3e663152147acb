package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope fields that the routes (or the silences) refer to (in their patterns and throttle keys). The
 * matcher is fed an envelope cut down to these fields, with arrays kept as arrays so that
 * matching stays array-consistent: it gives the same matches for less work.
 */
public final class FieldTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, FieldTree> children = new LinkedHashMap<>();
    /** Everything below this field is needed. */
    private boolean whole;

    /** Adds the fields of an event pattern ({@code $or} alternatives included). */
    public void addPattern(JsonNode pattern) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("$or") && f.getValue().isArray()) {
                f.getValue().forEach(this::addPattern);
            } else if (f.getValue().isObject()) {
                child(f.getKey()).addPattern(f.getValue());
            } else {
                child(f.getKey()).whole = true;
            }
        }
    }

    /** Adds a dotted path such as {@code detail.userIdentity.arn}. */
    void addPath(String dotted) {
        FieldTree t = this;
        for (String part : dotted.split("\\.")) {
            t = t.child(part);
        }
        t.whole = true;
    }

    /** The event's envelope with only the fields of this tree. */
    public ObjectNode envelope(Event e) {
        ObjectNode n = NODES.objectNode();
        children.forEach((name, sub) -> {
            switch (name) {
                case "id" -> n.put(name, e.id());
                case "source" -> n.put(name, e.source());
                case "instance" -> n.put(name, e.instance());
                case "type" -> n.put(name, e.type());
                case "time" -> n.put(name, e.time().toString());
                case "severity" -> n.put(name, e.severity().label());
                case "detail" -> n.set(name, sub.whole ? e.detail() : sub.prune(e.detail()));
                case "enrichment" -> n.set(name, sub.whole ? e.enrichment() : sub.prune(e.enrichment()));
                default -> { }
            }
        });
        return n;
    }

    private JsonNode prune(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            children.forEach((name, sub) -> {
                JsonNode c = node.get(name);
                if (c != null) {
                    out.set(name, sub.whole ? c : sub.prune(c));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            node.forEach(el -> out.add(prune(el)));
            return out;
        }
        return node;
    }

    private FieldTree child(String name) {
        return children.computeIfAbsent(name, k -> new FieldTree());
    }
}
