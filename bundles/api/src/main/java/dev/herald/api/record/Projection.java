package dev.herald.api.record;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Which top-level members of a JSON object a source keeps in the tree it parses: those the record
 * kinds and the routes read. Parsing only them still reads every token of the record (so a record
 * that is not JSON is told as such) but builds no nodes and no strings for the rest, which is most
 * of the work for a CloudTrail record whose routes read two of its fields. The record's text is
 * kept whole; the full tree is parsed from it only when something reads the detail as a whole
 * ({@link dev.herald.api.Event#detailMember} reads a member without it).
 *
 * <p>A member read that the projection did not keep is reported ({@link #missed}) to whoever made
 * it, so that the next records keep it too: correctness never depends on the projection naming
 * everything, only the work saved does. Immutable.
 */
public final class Projection {
    /** Every member: the whole tree. */
    public static final Projection WHOLE = new Projection(null, name -> { });

    /**
     * Below this length a record cannot hold a string longer than Jackson allows, which only a full
     * parse would notice (it reads the strings a projection skips): longer records are parsed whole.
     */
    private static final int LONGEST_PROJECTED = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Set<String> members;
    private final Consumer<String> misses;

    private Projection(Set<String> members, Consumer<String> misses) {
        this.members = members;
        this.misses = misses;
    }

    /**
     * A projection keeping {@code members}.
     *
     * @param misses told the name of each member read from an event that this projection did not keep
     */
    public static Projection of(Set<String> members, Consumer<String> misses) {
        return new Projection(Set.copyOf(members), misses);
    }

    /** Whether it keeps every member. */
    public boolean whole() {
        return members == null;
    }

    /** Whether it keeps the member {@code name}. */
    public boolean keeps(String name) {
        return members == null || members.contains(name);
    }

    /** Whether it keeps every one of {@code names}. */
    public boolean keepsAll(Set<String> names) {
        return members == null || members.containsAll(names);
    }

    @Override
    public String toString() {
        return members == null ? "every member" : "the members " + new TreeSet<>(members);
    }

    /** Reports that the member {@code name}, which it did not keep, was read. */
    public void missed(String name) {
        misses.accept(name);
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
            ObjectNode kept = NODES.objectNode();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if (members.contains(name)) {
                    kept.set(name, node(p, value)); // a repeated member: the last one counts, as in a full parse
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Json.WHOLE.readTree(bytes, 0, length); // for its own words about what is wrong
            }
            return kept;
        } catch (IOException e) {
            return Json.WHOLE.readTree(bytes, 0, length); // the same: the error a full parse reports
        }
    }

    private static boolean startsAnObject(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The value the parser is at, as the tree a full parse builds of it (for containers without
     * Jackson's per-call deserialization context, which costs more than a small object's nodes).
     */
    private static JsonNode node(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    object.replace(name, node(p, p.nextToken())); // a repeated member: the last one counts
                }
                yield object;
            }
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
