package dev.herald.core.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.record.RecordSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KindRegistry registry = new KindRegistry();

    @Test
    void kindsAreTriedByRankingHighestFirstAndOfEqualRankingTheFirstRegistered() {
        TestKind generic = new TestKind("wide", "id");
        TestKind specific = new TestKind("narrow", "id");
        TestKind tie = new TestKind("tie", "id");
        registry.addKind(generic, properties(10, 1));
        registry.addKind(tie, properties(500, 3));
        registry.addKind(specific, properties(500, 2));
        assertEquals(List.of(specific, tie, generic), registry.kinds());
    }

    @Test
    void aKindWithoutARankingComesAfterRankedOnes() {
        TestKind ranked = new TestKind("ranked", "id");
        TestKind unranked = new TestKind("unranked", "id");
        registry.addKind(unranked, Map.of("service.id", 1L));
        registry.addKind(ranked, properties(1, 2));
        assertEquals(List.of(ranked, unranked), registry.kinds());
    }

    @Test
    void aRecognizerInUseSeesKindsArriveAndLeaveAndFallsBackToGenericJson() throws Exception {
        RecordRecognizer recognizer = registry.recognizer();
        JsonNode record = JSON.readTree("{\"acme_id\":\"a-1\",\"type\":\"login\"}");
        assertEquals("json", source(recognizer, record));

        TestKind acme = new TestKind("acme", "acme_id");
        registry.addKind(acme, properties(200, 7));
        assertEquals("acme", source(recognizer, record));
        assertEquals("login by a-1", registry.summary(event(recognizer, record)).title());

        Event stored = event(recognizer, record);
        assertEquals(Map.of(), registry.problems());
        registry.removeKind(acme);
        assertEquals("json", source(recognizer, record), "its plugin is gone: generic JSON");
        assertEquals("login from src", registry.summary(stored).title(),
                "an event of a kind that left still renders, with the generic summary");
        String why = registry.problems().get("acme");
        assertTrue(why.startsWith("record kind 'acme' (" + TestKind.class.getName() + ") is gone: its records are"
                + " read as generic JSON (source json)"), why);

        registry.addKind(acme, properties(200, 8));
        assertEquals(Map.of(), registry.problems(), "back again: no problem");
        assertEquals("acme", source(recognizer, record));
    }

    @Test
    void ofTwoKindsOfOneNameTheHigherRankedIsUsedAndTheOtherTakesOverWhenItLeaves() throws Exception {
        TestKind low = new TestKind("acme", "acme_id");
        TestKind high = new TestKind("acme", "acme_id");
        registry.addKind(low, properties(0, 1));
        registry.addKind(high, properties(900, 2));
        assertEquals(List.of(high), registry.kinds(), "a name is one kind; the other is reported, not tried");
        registry.removeKind(high);
        assertEquals(List.of(low), registry.kinds());
        registry.removeKind(low);
        assertEquals(List.of(), registry.kinds());
    }

    private static String source(RecordRecognizer recognizer, JsonNode record) throws RecordException {
        return event(recognizer, record).source();
    }

    private static Event event(RecordRecognizer recognizer, JsonNode record) throws RecordException {
        return recognizer.events(record, record.toString(), "src", "f:1").get(0);
    }

    private static Map<String, Object> properties(int ranking, long serviceId) {
        return Map.of("service.ranking", ranking, "service.id", serviceId);
    }

    /** A kind as a third-party bundle registers it: records with {@code field} are {@code name}. */
    private static final class TestKind implements RecordKind {
        private final String name;
        private final String field;

        TestKind(String name, String field) {
            this.name = name;
            this.field = field;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean accepts(JsonNode record) {
            return record.has(field);
        }

        @Override
        public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
                throws RecordException {
            return List.of(Event.builder().id(Fields.require(record, field, name)).source(name).instance(instance)
                    .type(Fields.text(record, "type")).time(Instant.parse("2026-11-22T10:00:00Z")).detail(record)
                    .raw(raw).build());
        }

        @Override
        public RecordSummary summary(Event event) {
            return new RecordSummary(event.type() + " by " + event.id(), event.id(), null, null, null, null, null);
        }
    }
}
