package dev.herald.api.record;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Which members of a JSON object a source keeps in the tree it parses: those the record kinds and
 * the routes read, each whole, or only some of its own members ({@code userIdentity.type} keeps of
 * {@code userIdentity} only its {@code type}). Parsing only them still reads every token of the
 * record (so a record that is not JSON is told as such) but builds no nodes and no strings for the
 * rest, which is most of the work for a CloudTrail record whose routes read two of its fields. The
 * record's text is kept whole; the full tree is parsed from it only when something reads the detail
 * as a whole ({@link dev.herald.api.Event#detailMember} and {@link dev.herald.api.DetailReader} read
 * members without it).
 *
 * <p>A member read that the projection did not keep is reported ({@link #missed}) to whoever made
 * it, so that the next records keep it too: correctness never depends on the projection naming
 * everything, only the work saved does. Immutable.
 */
public final class Projection {
    /** Every member: the whole tree. */
    public static final Projection WHOLE = new Projection(null, path -> { });

    /**
     * Below this length a record cannot hold a string longer than Jackson allows, which only a full
     * parse would notice (it reads the strings a projection skips): longer records are parsed whole.
     */
    private static final int LONGEST_PROJECTED = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Marks a member named whole while {@link #of} sorts the paths. */
    private static final Set<String> WHOLE_MEMBER = Set.of();

    /**
     * What is kept of each member kept: {@link #WHOLE}, or a projection of its members; null for
     * everything. Never changed once made. A {@link HashMap}, not {@code Map.copyOf}: it is looked up
     * for every member of every record read, and the immutable map's probe divides where a hash map
     * masks (profiling flow lines, the lookup was 8% of the source's thread, the division half of it).
     */
    private final HashMap<String, Projection> members;
    private final Consumer<String> misses;

    private Projection(HashMap<String, Projection> members, Consumer<String> misses) {
        this.members = members;
        this.misses = misses;
    }

    /**
     * A projection keeping {@code members}: each a member's name, or the path to a member inside
     * object members, names joined by dots ({@code userIdentity.type}); a member named both whole
     * and by a path inside it is kept whole. (A member whose name holds a dot cannot be named.)
     *
     * @param misses told each member read from an event that this projection did not keep: its
     *               path, names joined by dots
     */
    public static Projection of(Set<String> members, Consumer<String> misses) {
        Map<String, Set<String>> inside = new HashMap<>();
        for (String member : members) {
            int dot = member.indexOf('.');
            String name = dot < 0 ? member : member.substring(0, dot);
            Set<String> below = inside.computeIfAbsent(name, n -> new HashSet<>());
            if (dot < 0 || below == WHOLE_MEMBER) {
                inside.put(name, WHOLE_MEMBER);
            } else {
                below.add(member.substring(dot + 1));
            }
        }
        HashMap<String, Projection> kept = new HashMap<>();
        // interned as Jackson interns the member names it reads: a lookup finds its key by identity
        inside.forEach((name, below) -> kept.put(name.intern(), below == WHOLE_MEMBER ? WHOLE
                : of(below, path -> misses.accept(name + "." + path))));
        return new Projection(kept, misses);
    }

    /** Whether it keeps every member. */
    public boolean whole() {
        return members == null;
    }

    /** Whether it keeps the member {@code name} whole. */
    public boolean keeps(String name) {
        return members == null || members.get(name) == WHOLE;
    }

    /**
     * What it keeps of the member {@code name} when that is only some of the member's own members
     * (if the member is an object; a member of another type is kept whole); null when it keeps the
     * member whole or not at all.
     */
    public Projection within(String name) {
        Projection part = members == null ? null : members.get(name);
        return part == WHOLE ? null : part;
    }

    /** Whether it keeps every one of {@code members}, named as {@link #of} names them. */
    public boolean keepsAll(Set<String> members) {
        for (String member : members) {
            if (!keepsPath(member)) {
                return false;
            }
        }
        return true;
    }

    private boolean keepsPath(String path) {
        if (members == null) {
            return true;
        }
        int dot = path.indexOf('.');
        Projection part = members.get(dot < 0 ? path : path.substring(0, dot));
        return part == WHOLE || (part != null && dot >= 0 && part.keepsPath(path.substring(dot + 1)));
    }

    /** Reports that the member at {@code path} (names joined by dots), which it did not keep, was read. */
    public void missed(String path) {
        misses.accept(path);
    }

    @Override
    public String toString() {
        if (members == null) {
            return "every member";
        }
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(members).forEach((name, part) -> out.append(out.length() > 1 ? ", " : "").append(name)
                .append(part == WHOLE ? "" : ": " + part));
        return out.append('}').toString();
    }

    /**
     * This projection for one record's UTF-8 text, or {@link #WHOLE} when the text is to be parsed
     * whole: when it is not an object, or so long that only a full parse would tell whether its
     * strings are within Jackson's limits.
     */
    Projection appliedTo(byte[] bytes, int length) {
        return members == null || length >= LONGEST_PROJECTED || !startsAnObject(bytes, length) ? WHOLE : this;
    }

    /**
     * The tree of one record's UTF-8 text, with only the members kept; see {@link #appliedTo}.
     *
     * @throws IOException when the text is not one JSON value, in the words of {@link Json#WHOLE}
     */
    JsonNode read(byte[] bytes, int length) throws IOException {
        if (members == null) {
            return Json.WHOLE.readTree(bytes, 0, length);
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Json.WHOLE.readTree(bytes, 0, length);
            }
            ObjectNode kept = kept(p);
            if (p.nextToken() != null) {
                return Json.WHOLE.readTree(bytes, 0, length); // for its own words about what is wrong
            }
            return kept;
        } catch (IOException e) {
            return Json.WHOLE.readTree(bytes, 0, length); // the same: the error a full parse reports
        }
    }

    /**
     * The members kept of the object the parser is at the start of (all of them for {@link #WHOLE});
     * the parser ends at its end.
     */
    ObjectNode kept(JsonParser p) throws IOException {
        ObjectNode kept = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            Projection part = members == null ? WHOLE : members.get(name);
            if (part == null) {
                p.skipChildren();
            } else if (part != WHOLE && value == JsonToken.START_OBJECT) {
                kept.replace(name, part.kept(p)); // a repeated member: the last one counts, as in a full parse
            } else {
                kept.replace(name, node(p, value));
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "not an object's end"); // a full parse words what it is
        }
        return kept;
    }

    private static boolean startsAnObject(byte[] bytes, int length) {
        int first = Json.skipWhitespace(bytes, 0, length);
        return first < length && bytes[first] == '{';
    }

    /**
     * The value the parser is at, as the tree a full parse builds of it (for containers without
     * Jackson's per-call deserialization context, which costs more than a small object's nodes).
     */
    private static JsonNode node(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> WHOLE.kept(p);
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
                    array.add(node(p, element));
                }
                yield array;
            }
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.instance;
            default -> Json.MAPPER.readTree(p); // a fraction: Jackson's own choice of node
        };
    }
}
