package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading the fields a record kind relies on, with messages that name them. Public for record kinds
 * ({@link RecordKind}) in plugin bundles.
 */
public final class Fields {

    private Fields() {
    }

    /** The field's value as text, or null when it is absent, null, blank or not a scalar. */
    public static String text(JsonNode node, String field) {
        return text(node.get(field));
    }

    /** The value as text, or null when it is absent, null, blank or not a scalar. */
    public static String text(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /**
     * The field's text.
     *
     * @param what the record kind, for the message: {@code CloudTrail record}
     * @throws RecordException when it is absent, empty or not a scalar
     */
    public static String require(JsonNode node, String field, String what) throws RecordException {
        String text = text(node, field);
        if (text == null) {
            JsonNode value = node.get(field);
            throw new RecordException(value == null || value.isNull() || value.isValueNode()
                    ? what + " has no " + field
                    : what + " has " + Json.describe(value) + " as " + field + ", expected text");
        }
        return text;
    }

    /** The first element of an array field as text, or null. */
    public static String first(JsonNode node, String field) {
        JsonNode array = node.path(field);
        return array.isArray() && !array.isEmpty() ? text(array.get(0)) : null;
    }

    /** "an array", "a string", … for a message about a value of the wrong kind. */
    public static String describe(JsonNode node) {
        return Json.describe(node);
    }

    /** The first of the values that is not null, or null: a field with fallbacks, for a summary. */
    public static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
