package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DetailReader;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Records parsed in part: the same trees, events and errors as parsed whole, for less work. */
class ProjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"a", "b", "c", "d", "e\u00e9"};

    @Test
    void theMembersKeptAreWhatAFullParseReadsOfThem() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 3000; i++) {
            String text = randomObject(random, 0);
            Set<String> kept = new HashSet<>();
            for (String name : NAMES) {
                if (random.nextBoolean()) {
                    kept.add(name);
                }
            }
            JsonNode whole = JSON.readTree(text);
            ObjectNode expected = JSON.createObjectNode();
            kept.stream().filter(whole::has).forEach(name -> expected.set(name, whole.get(name)));
            assertEquals(expected, read(Projection.of(kept, name -> { }), text), text);
        }
    }

    @Test
    void membersKeptInPartHoldWhatAFullParseHasOfThemAndAReaderReadsEveryMemberWhole() throws Exception {
        Random random = new Random(12);
        int missed = 0;
        for (int i = 0; i < 3000; i++) {
            String text = randomObject(random, 0);
            Set<String> kept = new HashSet<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                kept.add(randomPath(random));
            }
            JsonNode whole = JSON.readTree(text);
            Projection projection = Projection.of(kept, path -> { });
            JsonNode inPart = read(projection, text);
            assertEquals(expected(whole, kept), inPart, () -> text + " kept " + kept);

            List<String> misses = new ArrayList<>();
            Event event = Event.builder().id("e").source("s").instance("i")
                    .projected((ObjectNode) inPart, Projection.of(kept, misses::add), text).build();
            String read = randomPath(random);
            DetailReader reader = event.detailReader();
            JsonNode expected = whole;
            String[] names = read.split("\\.");
            for (int n = 0; n < names.length - 1 && reader != null; n++) {
                reader = reader.in(names[n]);
                expected = expected.get(names[n]);
                assertEquals(expected != null && expected.isObject(), reader != null, () -> text + " read " + read);
            }
            if (reader != null) {
                assertEquals(expected.get(names[names.length - 1]), reader.member(names[names.length - 1]),
                        () -> text + " kept " + kept + " read " + read);
            }
            missed += misses.size();
        }
        assertTrue(missed > 100, "reads of members not kept were compared too: " + missed);
    }

    @Test
    void aRepeatedMemberIsItsLastValueAsInAFullParse() throws Exception {
        String text = "{\"a\":1,\"b\":{\"x\":[1]},\"a\":\"two\",\"b\":null}";
        assertEquals(JSON.readTree(text), read(Projection.of(Set.of("a", "b"), name -> { }), text));
    }

    @Test
    void whatIsNotAnObjectIsReadWholeAndWhatIsNotJsonFailsAsAFullParseFails() throws Exception {
        Projection p = Projection.of(Set.of("a"), name -> { });
        for (String text : List.of("[{\"a\":1,\"b\":2}]", "\"text\"", "12", " \t{\"b\":1,\"a\":2} ")) {
            JsonNode tree = read(p, text);
            assertEquals(text.contains("{\"b\":1,") ? JSON.readTree("{\"a\":2}") : JSON.readTree(text), tree, text);
        }
        for (String broken : List.of("{\"a\":1,", "{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"b\":[1,}", "{\"b\":\"\\q\"}",
                "{\"b\":01}", "{\"b\":\"tab\there\"}", "{\"a\":1,\"b\":tru}", "{\"a\" 1}")) {
            byte[] bytes = broken.getBytes(StandardCharsets.UTF_8);
            String expected = assertThrows(JsonProcessingException.class,
                    () -> Json.WHOLE.readTree(bytes, 0, bytes.length)).getMessage();
            assertEquals(expected, assertThrows(JsonProcessingException.class, () -> read(p, broken)).getMessage());
        }
    }

    @Test
    void aJsonLinesReaderGivesEachObjectInPartAndTheRestWhole() throws Exception {
        Projection p = Projection.of(Set.of("id"), name -> { });
        String lines = "{\"id\":\"1\",\"big\":{\"x\":[1,2,3]}}\n[1,2]\n{\"id\":\n";
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                1024, () -> p)) {
            RecordEntry.Parsed first = assertInstanceOf(RecordEntry.Parsed.class, reader.next());
            assertEquals(JSON.readTree("{\"id\":\"1\"}"), first.json());
            assertSame(p, first.projection());
            assertEquals("{\"id\":\"1\",\"big\":{\"x\":[1,2,3]}}", first.text());
            RecordEntry.Parsed array = assertInstanceOf(RecordEntry.Parsed.class, reader.next());
            assertEquals(JSON.readTree("[1,2]"), array.json());
            assertSame(Projection.WHOLE, array.projection());
            RecordEntry.Malformed broken = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertTrue(broken.reason().startsWith("not JSON: Unexpected end-of-input"), broken.reason());
        }
    }

    @Test
    void eventsOfARecordReadInPartAreThoseOfTheWholeRecordAndReadTheRestFromItsText() throws Exception {
        RecordRecognizer recognizer = RecordKinds.of(new NamedKind(Set.of("uid", "kind", "at"))).recognizer();
        String line = "{\"uid\":\"u-1\",\"kind\":\"login\",\"at\":\"2026-11-22T10:00:00Z\",\"user\":{\"name\":\"ann\"}}";
        Event inPart = only(recognizer.events(readLine(recognizer, line), "i", "f:1"));
        Event whole = only(recognizer.events(new RecordEntry.Parsed(1, line, JSON.readTree(line)), "i", "f:1"));
        assertTrue(inPart.detailParsedInPart());
        assertEquals(List.of(whole.id(), whole.source(), whole.type(), whole.time(), whole.severity(), whole.raw()),
                List.of(inPart.id(), inPart.source(), inPart.type(), inPart.time(), inPart.severity(), inPart.raw()));
        assertTrue(inPart.rawIsDetailText(), "the store keeps the text as the detail, as for a record read whole");
        assertEquals("login", inPart.detailMember("kind").asText());
        assertEquals(whole.detail(), inPart.detail());
        assertFalse(inPart.detailParsedInPart(), "parsed whole once read whole");
        assertEquals("ann", inPart.detailMember("user").path("name").asText());
        Event copy = inPart.toBuilder().severity(Severity.HIGH).build();
        assertEquals(whole.detail(), copy.detail());
    }

    @Test
    void aMemberReadFromAnEventThatWasNotKeptIsKeptFromTheNextRecordOn() throws Exception {
        RecordRecognizer recognizer = RecordKinds.of(new NamedKind(Set.of("uid", "kind", "at"))).recognizer();
        String line = "{\"uid\":\"u-1\",\"kind\":\"login\",\"at\":\"2026-11-22T10:00:00Z\",\"user\":{\"name\":\"ann\"}}";
        Event first = only(recognizer.events(readLine(recognizer, line), "i", "f:1"));
        assertFalse(recognizer.projection().keeps("user"));
        assertEquals("ann", first.detailMember("user").path("name").asText(), "read from the whole text");
        assertTrue(recognizer.projection().keeps("user"), "learnt");
        Event next = only(recognizer.events(readLine(recognizer, line), "i", "f:2"));
        assertEquals("ann", next.detailMember("user").path("name").asText());
        assertTrue(next.detailParsedInPart(), "read from the members kept: " + recognizer.projection());
    }

    @Test
    void whenAKindPresentNamesNoMembersRecordsAreParsedWhole() throws Exception {
        RecordKinds kinds = RecordKinds.of(new NamedKind(Set.of("uid", "kind", "at")), new NamedKind(null));
        assertTrue(kinds.recognizer().projection().whole());
        assertFalse(RecordKinds.of(new NamedKind(Set.of("uid"))).recognizer().projection().whole());
        RecordRecognizer generic = RecordKinds.of().recognizer(JsonPointers.DEFAULT);
        assertTrue(generic.projection().keepsAll(Set.of("type", "time", "severity")), "what generic JSON is read from");
        assertFalse(generic.projection().keeps("other"));
    }

    @Test
    void aRecordReadInPartBeforeAKindCameIsReadWholeForThatKind() throws Exception {
        List<RecordKind> present = new CopyOnWriteArrayList<>(List.of(new NamedKind(Set.of("uid", "kind", "at"))));
        RecordRecognizer recognizer = new RecordRecognizer(() -> List.copyOf(present), JsonPointers.DEFAULT);
        String line = "{\"ref\":\"r-9\",\"kind\":\"x\",\"at\":\"2026-11-22T10:00:00Z\"}";
        RecordEntry entry = readLine(recognizer, line);
        present.add(0, new NamedKind(Set.of("ref", "kind", "at")) {
            @Override
            public String name() {
                return "refs";
            }

            @Override
            protected String idMember() {
                return "ref";
            }
        });
        Event e = only(recognizer.events(entry, "i", "f:1"));
        assertEquals("refs", e.source());
        assertEquals("r-9", e.id());

        present.add(0, new NamedKind(null) { // names no members: it gets every record whole
            @Override
            public String name() {
                return "anything";
            }

            @Override
            protected String idMember() {
                return "ref";
            }
        });
        assertTrue(recognizer.projection().whole());
        Event whole = only(recognizer.events(entry, "i", "f:1"));
        assertEquals("anything", whole.source());
        assertEquals(JSON.readTree(line), whole.detail());
    }

    @Test
    void aKindThatDoesNotUseTheRecordAsItIsGetsItWhole() throws Exception {
        RecordRecognizer recognizer = RecordKinds.of(new NamedKind(Set.of("uid", "kind", "at")) {
            @Override
            protected Event.Builder event(JsonNode record, String raw) {
                return super.event(record, raw).raw("{\"summary\":true}");
            }
        }).recognizer();
        String line = "{\"uid\":\"u-1\",\"kind\":\"login\",\"at\":\"2026-11-22T10:00:00Z\",\"user\":\"ann\"}";
        Event e = only(recognizer.events(readLine(recognizer, line), "i", "f:1"));
        assertFalse(e.detailParsedInPart());
        assertEquals(JSON.readTree(line), e.detail());
        assertEquals("{\"summary\":true}", e.raw());
    }

    /** A member's path of up to three of {@link #NAMES}, joined by dots. */
    private static String randomPath(Random random) {
        StringBuilder path = new StringBuilder(NAMES[random.nextInt(NAMES.length)]);
        for (int depth = random.nextInt(3); depth > 0; depth--) {
            path.append('.').append(NAMES[random.nextInt(NAMES.length)]);
        }
        return path.toString();
    }

    /** What a projection of {@code paths} keeps of the object {@code whole}, built from the full tree. */
    private static JsonNode expected(JsonNode whole, Set<String> paths) {
        ObjectNode out = JSON.createObjectNode();
        Set<String> names = new HashSet<>();
        paths.forEach(path -> names.add(path.split("\\.", 2)[0]));
        for (String name : names) {
            JsonNode value = whole.get(name);
            if (value == null) {
                continue;
            }
            Set<String> inside = new HashSet<>();
            boolean all = false;
            for (String path : paths) {
                String[] parts = path.split("\\.", 2);
                if (parts[0].equals(name)) {
                    if (parts.length == 1) {
                        all = true;
                    } else {
                        inside.add(parts[1]);
                    }
                }
            }
            out.set(name, all || !value.isObject() ? value : expected(value, inside));
        }
        return out;
    }

    private static JsonNode read(Projection p, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return p.appliedTo(bytes, bytes.length).read(bytes, bytes.length);
    }

    private static RecordEntry readLine(RecordRecognizer recognizer, String line) throws IOException {
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                1024, recognizer::projection)) {
            return reader.next();
        }
    }

    private static Event only(List<Event> events) {
        assertEquals(1, events.size());
        return events.get(0);
    }

    static String randomObject(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            out.append(i > 0 ? "," : "").append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":")
                    .append(randomValue(random, depth));
        }
        return out.append('}').toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth < 2 ? 14 : 11)) {
            case 0 -> "\"x\\u0041\\n\\\"q\\\"\"";
            case 1 -> "\"\u00e9\u20ac\ud83d\ude00\"";
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> Long.toString(random.nextLong());
            case 4 -> "123456789012345678901234567890";
            case 5 -> "-1.5e300";
            case 6 -> "0.1";
            case 7 -> "true";
            case 8 -> "false";
            case 9 -> "null";
            case 10 -> "\"\"";
            case 11, 12 -> randomObject(random, depth + 1);
            default -> "[" + randomValue(random, depth + 1) + "," + randomObject(random, depth + 1) + "]";
        };
    }

    /** A kind that names what it reads: an id member, {@code kind} as type and {@code at} as time. */
    private static class NamedKind implements RecordKind {
        private final Set<String> members;

        NamedKind(Set<String> members) {
            this.members = members;
        }

        @Override
        public String name() {
            return "named";
        }

        @Override
        public Set<String> membersRead() {
            return members;
        }

        protected String idMember() {
            return "uid";
        }

        @Override
        public boolean accepts(JsonNode record) {
            return record.has(idMember());
        }

        @Override
        public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
                throws RecordException {
            return new ArrayList<>(List.of(event(record, raw)
                    .id(Fields.require(record, idMember(), "named record"))
                    .instance(instance)
                    .type(Fields.text(record, "kind"))
                    .time(Timestamps.require(record, "at", "named record"))
                    .build()));
        }

        protected Event.Builder event(JsonNode record, String raw) {
            return event(record, raw, "i");
        }

        @Override
        public RecordSummary summary(Event event) {
            return RecordSummary.generic(event);
        }
    }
}
