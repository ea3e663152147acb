package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.api.DetailReader;
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
            if (name.equals("detail") && !sub.whole && e.detailParsedInPart()) {
                n.set(name, sub.members(e.detailReader())); // an object: only some of its members were parsed
                return;
            }
            JsonNode value = field(e, name);
            if (value != null) {
                n.set(name, sub.whole ? value : sub.prune(value));
            }
        });
        return n;
    }

    /** The envelope field {@code name} of the event, whole; null for a name the envelope does not have. */
    static JsonNode field(Event e, String name) {
        return switch (name) {
            case "id" -> TextNode.valueOf(e.id());
            case "source" -> TextNode.valueOf(e.source());
            case "instance" -> TextNode.valueOf(e.instance());
            case "type" -> TextNode.valueOf(e.type());
            case "time" -> TextNode.valueOf(e.time().toString());
            case "severity" -> TextNode.valueOf(e.severity().label());
            case "detail" -> e.detail();
            case "enrichment" -> e.enrichment();
            default -> null;
        };
    }

    private JsonNode prune(JsonNode node) {
        if (node.isObject()) {
            return members(node);
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            node.forEach(el -> out.add(prune(el)));
            return out;
        }
        return node;
    }

    /** An object of the members of this tree, read as far as the source parsed them. */
    private ObjectNode members(DetailReader object) {
        ObjectNode out = NODES.objectNode();
        children.forEach((name, sub) -> {
            DetailReader in = sub.whole ? null : object.in(name);
            if (in != null) {
                out.set(name, sub.members(in));
                return;
            }
            JsonNode value = object.member(name); // wanted whole, or not an object
            if (value != null) {
                out.set(name, sub.whole ? value : sub.prune(value));
            }
        });
        return out;
    }

    /** An object of the members of this tree, read by name from {@code object}. */
    private ObjectNode members(JsonNode object) {
        ObjectNode out = NODES.objectNode();
        children.forEach((name, sub) -> {
            JsonNode c = object.get(name);
            if (c != null) {
                out.set(name, sub.whole ? c : sub.prune(c));
            }
        });
        return out;
    }

    private FieldTree child(String name) {
        return children.computeIfAbsent(name, k -> new FieldTree());
    }
}
