package dev.herald.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.record.Projection;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an event's detail member by member, as far as its source parsed it ({@link
 * Event.Builder#projected}): what routes and enrichers read of every event, without parsing the
 * rest of the record. Every value it returns is whole, as {@link Event#detail()} has it; a member
 * the source did not keep is read from the whole detail (parsed from the text then), and the
 * source is told, so that it keeps that member of the records it reads next. Thread-safe.
 */
public final class DetailReader {
    private static final ObjectNode NOTHING = JsonNodeFactory.instance.objectNode();

    private final Event event;
    /** The names from the detail down to the object read; empty for the detail itself. */
    private final List<String> path;
    /** The object as kept: only the members {@link #kept} names, or all of them when it is null. */
    private final ObjectNode object;
    /** What was kept of the object's members; null when it is whole. */
    private final Projection kept;

    DetailReader(Event event, List<String> path, JsonNode object, Projection kept) {
        this.event = event;
        this.path = path;
        this.object = object instanceof ObjectNode o ? o : NOTHING; // a detail that is not an object has no members
        this.kept = kept;
    }

    /** The value of the member {@code name}, whole; null when the object has no such member. */
    public JsonNode member(String name) {
        if (kept == null || kept.keeps(name)) {
            return object.get(name);
        }
        if (kept.within(name) != null) {
            JsonNode value = object.get(name);
            if (value == null || !value.isObject()) {
                return value; // kept whole: only an object is kept in part
            }
        }
        return whole(name).member(name);
    }

    /**
     * A reader of the members of the member {@code name} when that is an object; null when it is
     * anything else or missing ({@link #member} then has it).
     */
    public DetailReader in(String name) {
        Projection part = kept == null ? null : kept.within(name);
        if (kept == null || part != null || kept.keeps(name)) {
            JsonNode value = object.get(name);
            if (value == null || !value.isObject()) {
                return null; // missing, or not an object (kept whole)
            }
            List<String> inside = new ArrayList<>(path);
            inside.add(name);
            return new DetailReader(event, inside, value, part);
        }
        return whole(name).in(name);
    }

    /** This object as the whole detail has it, once it is reported that {@code name} was not kept. */
    private DetailReader whole(String name) {
        if (name.indexOf('.') < 0) {
            kept.missed(name); // a name with a dot in it cannot be kept: not reported
        }
        JsonNode node = event.detail();
        for (String step : path) {
            node = node.get(step); // an object all the way: this reader was made through objects
        }
        return new DetailReader(event, path, node, null);
    }
}
