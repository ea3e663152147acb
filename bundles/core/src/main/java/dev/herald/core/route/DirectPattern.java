package dev.herald.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.DetailReader;
import dev.herald.api.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An event pattern read straight off an event's fields, without building its envelope or handing
 * it to event-ruler, which flattens every event it is given: for patterns made only of the
 * matchers routes mostly use (exact strings and whole numbers, {@code prefix}, {@code
 * anything-but} a list of strings or whole numbers, {@code numeric}, {@code exists}, {@code $or}).
 *
 * <p>A pattern whose {@code $or} alternatives match the same field is left to event-ruler: event-ruler
 * 2.1 misses some matches of such patterns ({@code {"$or":[{"a":[0]},{"a":["x",0]}]}} after a
 * {@code prefix} on another field does not match {@code a = "x"}), and routes keep its answers.
 *
 * <p>It answers only where its answer is event-ruler's without doubt, and says {@link
 * Verdict#UNKNOWN} otherwise: an array on a path the pattern reads (event-ruler matches array
 * members consistently across fields), a number that is not a whole number within ±5×10⁹ (its
 * numeric comparisons have their own precision), {@code true}, {@code false} or {@code null} where
 * a matcher other than {@code exists} reads it, an object where a value is matched. The caller
 * then asks event-ruler.
 */
final class DirectPattern {
    /** Whole numbers within this bound are compared exactly by both. */
    private static final long NUMBER_BOUND = 5_000_000_000L;

    /** What a pattern says about an event. */
    enum Verdict {
        MATCH, NO_MATCH, UNKNOWN;

        Verdict and(Verdict o) {
            return this == NO_MATCH || o == NO_MATCH ? NO_MATCH : this == UNKNOWN || o == UNKNOWN ? UNKNOWN : MATCH;
        }

        Verdict or(Verdict o) {
            return this == MATCH || o == MATCH ? MATCH : this == UNKNOWN || o == UNKNOWN ? UNKNOWN : NO_MATCH;
        }

        static Verdict of(boolean matches) {
            return matches ? MATCH : NO_MATCH;
        }
    }

    private final Conditions root;

    private DirectPattern(Conditions root) {
        this.root = root;
    }

    /**
     * The pattern as a direct one, or empty when it uses something this class does not read (the
     * route is then matched by event-ruler alone). The pattern must be one event-ruler accepted.
     */
    static Optional<DirectPattern> compile(JsonNode pattern) {
        try {
            return Optional.of(new DirectPattern(Conditions.of(pattern)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Whether the event's envelope ({@link FieldTree#envelope}) matches. */
    Verdict test(Event event) {
        return root.test(new EnvelopeFields(event));
    }

    /** The members of an object, or of the envelope, by name; null for a member that is not there. */
    private interface Fields {
        JsonNode get(String name);

        /** The members of the value of {@code name}, for the conditions on them; null when it is an array. */
        default Fields members(String name) {
            JsonNode value = get(name);
            return value != null && value.isArray() ? null : new ObjectFields(value);
        }
    }

    /** The envelope's fields, read from the event as asked for. */
    private record EnvelopeFields(Event event) implements Fields {
        @Override
        public JsonNode get(String name) {
            return FieldTree.field(event, name);
        }

        @Override
        public Fields members(String name) {
            return name.equals("detail") && event.detailParsedInPart() ? new ReaderFields(event.detailReader())
                    : Fields.super.members(name);
        }
    }

    /** The members of a detail read as far as its source parsed it ({@link DetailReader}). */
    private record ReaderFields(DetailReader reader) implements Fields {
        @Override
        public JsonNode get(String name) {
            return reader.member(name);
        }

        @Override
        public Fields members(String name) {
            DetailReader in = reader.in(name);
            return in != null ? new ReaderFields(in) : Fields.super.members(name); // not an object: read whole
        }
    }

    /** The members of a JSON value: none unless it is an object. */
    private record ObjectFields(JsonNode node) implements Fields {
        @Override
        public JsonNode get(String name) {
            return node != null && node.isObject() ? node.get(name) : null;
        }
    }

    /** The conditions of one level of a pattern: each field's, and each {@code $or}'s. */
    private record Conditions(List<FieldCondition> fields, List<List<Conditions>> alternatives) {
        static Conditions of(JsonNode pattern) {
            if (!pattern.isObject() || pattern.isEmpty()) {
                throw new Unsupported();
            }
            List<FieldCondition> fields = new ArrayList<>();
            List<List<Conditions>> alternatives = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("$or")) {
                    if (!f.getValue().isArray() || f.getValue().size() < 2) {
                        throw new Unsupported();
                    }
                    List<Conditions> any = new ArrayList<>();
                    Set<String> paths = new HashSet<>();
                    for (JsonNode alternative : f.getValue()) {
                        Conditions c = of(alternative);
                        for (String path : c.paths()) {
                            if (!paths.add(path)) {
                                // event-ruler 2.1 misses matches of such patterns: leave them to it, as they were
                                throw new Unsupported();
                            }
                        }
                        any.add(c);
                    }
                    alternatives.add(List.copyOf(any));
                } else if (f.getValue().isObject()) {
                    fields.add(new FieldCondition(f.getKey(), of(f.getValue()), null));
                } else if (f.getValue().isArray() && !f.getValue().isEmpty()) {
                    List<Matcher> matchers = new ArrayList<>();
                    f.getValue().forEach(m -> matchers.add(Matcher.of(m)));
                    fields.add(new FieldCondition(f.getKey(), null, List.copyOf(matchers)));
                } else {
                    throw new Unsupported();
                }
            }
            return new Conditions(List.copyOf(fields), List.copyOf(alternatives));
        }

        /** The dotted paths of the fields whose values it matches, {@code $or} alternatives included. */
        Set<String> paths() {
            Set<String> paths = new HashSet<>();
            for (FieldCondition f : fields) {
                if (f.nested() == null) {
                    paths.add(f.name());
                } else {
                    f.nested().paths().forEach(p -> paths.add(f.name() + "." + p));
                }
            }
            alternatives.forEach(any -> any.forEach(c -> paths.addAll(c.paths())));
            return paths;
        }

        Verdict test(Fields values) {
            Verdict all = Verdict.MATCH;
            for (FieldCondition f : fields) {
                all = all.and(f.test(values));
                if (all == Verdict.NO_MATCH) {
                    return all;
                }
            }
            for (List<Conditions> any : alternatives) {
                Verdict one = Verdict.NO_MATCH;
                for (Conditions c : any) {
                    one = one.or(c.test(values));
                }
                all = all.and(one);
                if (all == Verdict.NO_MATCH) {
                    return all;
                }
            }
            return all;
        }
    }

    /** A field's condition: on its members ({@code nested}), or one of {@code matchers} on its value. */
    private record FieldCondition(String name, Conditions nested, List<Matcher> matchers) {
        Verdict test(Fields parent) {
            if (nested != null) {
                Fields members = parent.members(name);
                return members == null ? Verdict.UNKNOWN : nested.test(members);
            }
            JsonNode value = parent.get(name);
            if (value != null && value.isArray()) {
                return Verdict.UNKNOWN;
            }
            boolean missing = value == null || value.isMissingNode();
            if (!missing && value.isContainerNode()) {
                return Verdict.UNKNOWN;
            }
            Verdict any = Verdict.NO_MATCH;
            for (Matcher m : matchers) {
                any = any.or(missing ? Verdict.of(m.matchesMissing()) : m.test(value));
                if (any == Verdict.MATCH) {
                    return any;
                }
            }
            return any;
        }
    }

    /** One matcher of a field's list. */
    private interface Matcher {
        /** Whether it matches a field the event does not have. */
        default boolean matchesMissing() {
            return false;
        }

        /** Its verdict on a scalar the event has. */
        Verdict test(JsonNode value);

        static Matcher of(JsonNode m) {
            if (m.isTextual()) {
                return new Exact(Set.of(m.textValue()), Set.of(), false);
            }
            if (m.isNumber()) {
                return new Exact(Set.of(), Set.of(patternNumber(m)), false);
            }
            if (!m.isObject() || m.size() != 1) {
                throw new Unsupported();
            }
            Map.Entry<String, JsonNode> op = m.fields().next();
            JsonNode arg = op.getValue();
            return switch (op.getKey()) {
                case "prefix" -> {
                    if (!arg.isTextual()) {
                        throw new Unsupported();
                    }
                    yield new Prefix(arg.textValue());
                }
                case "exists" -> {
                    if (!arg.isBoolean()) {
                        throw new Unsupported();
                    }
                    yield new Exists(arg.booleanValue());
                }
                case "anything-but" -> anythingBut(arg);
                case "numeric" -> Numeric.of(arg);
                default -> throw new Unsupported();
            };
        }

        private static Matcher anythingBut(JsonNode arg) {
            Set<String> strings = new HashSet<>();
            Set<Long> numbers = new HashSet<>();
            for (JsonNode v : arg.isArray() ? arg : List.of(arg)) {
                if (v.isTextual()) {
                    strings.add(v.textValue());
                } else if (v.isNumber()) {
                    numbers.add(patternNumber(v));
                } else {
                    throw new Unsupported();
                }
            }
            if (strings.isEmpty() && numbers.isEmpty()) {
                throw new Unsupported();
            }
            return new Exact(Set.copyOf(strings), Set.copyOf(numbers), true);
        }
    }

    /** Equal to one of some strings or whole numbers, or ({@code negated}) to none of them. */
    private record Exact(Set<String> strings, Set<Long> numbers, boolean negated) implements Matcher {
        @Override
        public Verdict test(JsonNode value) {
            boolean equal;
            if (value.isTextual()) {
                equal = strings.contains(value.textValue());
            } else if (comparable(value)) {
                equal = numbers.contains(value.longValue());
            } else {
                return Verdict.UNKNOWN;
            }
            return Verdict.of(equal != negated);
        }
    }

    private record Prefix(String prefix) implements Matcher {
        @Override
        public Verdict test(JsonNode value) {
            if (value.isTextual()) {
                return Verdict.of(value.textValue().startsWith(prefix));
            }
            return comparable(value) ? Verdict.NO_MATCH : Verdict.UNKNOWN;
        }
    }

    private record Exists(boolean exists) implements Matcher {
        @Override
        public boolean matchesMissing() {
            return !exists;
        }

        @Override
        public Verdict test(JsonNode value) {
            return Verdict.of(exists);
        }
    }

    /** {@code numeric}: within bounds, each one open or closed; null for no bound on that side. */
    private record Numeric(Double lower, boolean lowerClosed, Double upper, boolean upperClosed) implements Matcher {
        static Numeric of(JsonNode arg) {
            if (!arg.isArray() || arg.isEmpty() || arg.size() % 2 != 0 || arg.size() > 4) {
                throw new Unsupported();
            }
            Double lower = null;
            Double upper = null;
            boolean lowerClosed = false;
            boolean upperClosed = false;
            for (int i = 0; i < arg.size(); i += 2) {
                JsonNode n = arg.get(i + 1);
                if (!arg.get(i).isTextual() || !n.isNumber() || Math.abs(n.doubleValue()) > NUMBER_BOUND) {
                    throw new Unsupported();
                }
                double bound = n.doubleValue();
                switch (arg.get(i).textValue()) {
                    case "=" -> {
                        lower = upper = bound;
                        lowerClosed = upperClosed = true;
                    }
                    case ">" -> lower = bound;
                    case ">=" -> {
                        lower = bound;
                        lowerClosed = true;
                    }
                    case "<" -> upper = bound;
                    case "<=" -> {
                        upper = bound;
                        upperClosed = true;
                    }
                    default -> throw new Unsupported();
                }
            }
            return new Numeric(lower, lowerClosed, upper, upperClosed);
        }

        @Override
        public Verdict test(JsonNode value) {
            if (value.isTextual()) {
                return Verdict.NO_MATCH;
            }
            if (!comparable(value)) {
                return Verdict.UNKNOWN;
            }
            double v = value.longValue();
            boolean above = lower == null || (lowerClosed ? v >= lower : v > lower);
            boolean below = upper == null || (upperClosed ? v <= upper : v < upper);
            return Verdict.of(above && below);
        }
    }

    /** Whether an event's value is a whole number both compare exactly. */
    private static boolean comparable(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() && Math.abs(value.longValue()) <= NUMBER_BOUND;
    }

    /** A pattern's whole number; any other number is not read directly. */
    private static long patternNumber(JsonNode n) {
        if (!comparable(n)) {
            throw new Unsupported();
        }
        return n.longValue();
    }

    /** Thrown while compiling a pattern that uses something not read directly. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
