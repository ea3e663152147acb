package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RecordRecognizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordRecognizer recognizer = RecordKinds.of(new AcmeKind("acme", "acme_id")).recognizer();

    @Test
    void eventsOfAReadEntrySayTheirRawTextIsTheTextTheirDetailWasParsedFrom() throws Exception {
        String line = "{ \"acme_id\": \"a-1\", \"type\": \"login\" }";
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))) {
            Event e = recognizer.events(reader.next(), "acme", "acme.jsonl:1").get(0);
            assertEquals("acme", e.source());
            assertTrue(e.rawIsDetailText());
            assertEquals(line, e.raw());
            assertEquals(JSON.readTree(line), e.detail());
        }
        String text = "{\"acme_id\":\"a-2\",\"parts\":[{\"n\":1},{\"n\":2}]}";
        List<Event> parts = recognizer.events(new RecordEntry.Parsed(1, text, JSON.readTree(text)), "acme", null);
        assertEquals(2, parts.size());
        assertFalse(parts.get(0).rawIsDetailText(), "a part cut out of an envelope is not the envelope's text");
        assertEquals(JSON.readTree("{\"n\":1}"), parts.get(0).detail());
    }

    @Test
    void theKindsAreTriedInTheirOrderAndTheFirstThatAcceptsWins() throws Exception {
        RecordKinds kinds = RecordKinds.of(new AcmeKind("acme-special", "special"), new AcmeKind("acme", "acme_id"));
        JsonNode both = JSON.readTree("{\"acme_id\":\"a-1\",\"special\":true}");
        assertEquals("acme-special", kinds.recognizer().kind(both));
        assertEquals("acme-special", only(kinds.recognizer().events(both, both.toString(), "i", "f:1")).source());
        JsonNode plain = JSON.readTree("{\"acme_id\":\"a-1\"}");
        assertEquals("acme", only(kinds.recognizer().events(plain, plain.toString(), "i", "f:1")).source());
        JsonNode other = JSON.readTree("{\"id\":\"x\"}");
        assertEquals("json", only(kinds.recognizer().events(other, other.toString(), "i", "f:1")).source());
    }

    @Test
    void aKindThatArrivesOrLeavesCountsFromTheNextRecordOfARecognizerAlreadyInUse() throws Exception {
        List<RecordKind> present = new CopyOnWriteArrayList<>();
        RecordRecognizer live = new RecordRecognizer(() -> List.copyOf(present));
        JsonNode record = JSON.readTree("{\"acme_id\":\"a-1\",\"type\":\"login\"}");
        assertEquals("json", only(live.events(record, record.toString(), "i", "f:1")).source());
        present.add(new AcmeKind("acme", "acme_id"));
        Event recognised = only(live.events(record, record.toString(), "i", "f:1"));
        assertEquals("acme", recognised.source());
        assertEquals("a-1", recognised.id());
        present.clear();
        assertEquals("json", only(live.events(record, record.toString(), "i", "f:1")).source());
    }

    @Test
    void aKindThatFailsUnforeseenMakesTheRecordBadInputNotTheSource() throws Exception {
        RecordKind broken = new AcmeKind("acme", "acme_id") {
            @Override
            public List<Event> events(JsonNode record, String raw, String instance, String fallbackId) {
                throw new IllegalStateException("bug in the kind");
            }
        };
        JsonNode record = JSON.readTree("{\"acme_id\":\"a-1\"}");
        RecordException e = assertThrows(RecordException.class,
                () -> RecordKinds.of(broken).recognizer().events(record, record.toString(), "i", "f:1"));
        assertEquals("cannot be turned into an event: java.lang.IllegalStateException: bug in the kind", e.getMessage());
    }

    @Test
    void anEventSummaryIsItsKindsOrTheGenericOneWhenTheKindIsMissingOrFails() throws Exception {
        JsonNode record = JSON.readTree("{\"acme_id\":\"a-1\",\"type\":\"login\",\"user\":\"alice\"}");
        RecordKinds kinds = RecordKinds.of(new AcmeKind("acme", "acme_id"));
        Event event = only(kinds.recognizer().events(record, record.toString(), "acme-prod", "f:1"));
        assertEquals(new RecordSummary("login by alice", "alice", null, null, null, null, "https://acme.example/a-1"),
                kinds.summary(event));
        assertEquals(new RecordSummary("login from acme-prod", null, null, null, null, null, null),
                RecordKinds.of().summary(event), "the kind is gone: generic");
        RecordKind failing = new AcmeKind("acme", "acme_id") {
            @Override
            public RecordSummary summary(Event e) {
                throw new IllegalStateException("bug in the summary");
            }
        };
        assertEquals("login from acme-prod", RecordKinds.of(failing).summary(event).title());
        assertEquals("login from acme-prod", RecordKinds.of().summary(event).asMap().get("title"));
        assertThrows(IllegalArgumentException.class, () -> new RecordSummary(" ", null, null, null, null, null, null));
    }

    @Test
    void includingAKindAddsItOnlyWhenNoKindOfThatNameIsPresent() {
        AcmeKind first = new AcmeKind("acme", "acme_id");
        AcmeKind second = new AcmeKind("acme", "other");
        assertEquals(List.of(first), RecordKinds.of(first).including(second).kinds());
        assertEquals(List.of(second), RecordKinds.of().including(second).kinds());
    }

    @Test
    void otherJsonIsReadThroughTheConfiguredPointers() throws Exception {
        RecordRecognizer custom = new RecordRecognizer(RecordKinds.of(), new JsonPointers(JsonPointers.parse("id_pointer", "/meta/uid"),
                JsonPointers.parse("type_pointer", "/kind"), JsonPointers.parse("time_pointer", "/meta/ts"),
                JsonPointers.parse("severity_pointer", "/level")));
        JsonNode full = JSON.readTree("{\"meta\":{\"uid\":\"u-1\",\"ts\":1795343998},\"kind\":\"vpn.login\",\"level\":\"WARNING\"}");
        Event e = only(custom.events(full, full.toString(), "vpn", "vpn.jsonl:3"));
        assertEquals("json", e.source());
        assertEquals("u-1", e.id());
        assertEquals("vpn.login", e.type());
        assertEquals(Instant.ofEpochSecond(1795343998), e.time());
        assertEquals(Severity.MEDIUM, e.severity());

        JsonNode bare = JSON.readTree("{\"meta\":{\"ts\":\"2026-11-22T12:00:00+01:00\"},\"level\":\"chatty\"}");
        Event fallback = only(custom.events(bare, bare.toString(), "vpn", "vpn.jsonl:4"));
        assertEquals("vpn.jsonl:4", fallback.id());
        assertEquals(Instant.parse("2026-11-22T11:00:00Z"), fallback.time());
        assertEquals(Severity.INFO, fallback.severity());
        assertEquals("unknown", fallback.type());

        JsonNode millis = JSON.readTree("{\"meta\":{\"ts\":1795343998123}}");
        assertEquals(Instant.ofEpochMilli(1795343998123L), only(custom.events(millis, "", "vpn", "f:1")).time());

        JsonNode bad = JSON.readTree("{\"meta\":{\"ts\":\"last tuesday\"}}");
        RecordException e2 = assertThrows(RecordException.class, () -> custom.events(bad, bad.toString(), "vpn", "f:1"));
        assertTrue(e2.getMessage().startsWith("JSON record has malformed time at /meta/ts"), e2.getMessage());

        RecordException noId = assertThrows(RecordException.class, () -> custom.events(bare, bare.toString(), "vpn", null));
        assertEquals("JSON record has no id at /meta/uid and the source gave no fallback id", noId.getMessage());
    }

    @Test
    void aRecordThatIsNotAnObjectIsBadInput() throws Exception {
        RecordException e = assertThrows(RecordException.class, () -> only(JSON.readTree("[1,2]")));
        assertEquals("a record must be a JSON object, this is an array", e.getMessage());
        assertEquals("json", recognizer.kind(JSON.readTree("42")));
    }

    @Test
    void aPointerThatIsNotOneIsRejectedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.parse("time_pointer", "meta.ts"));
        assertTrue(e.getMessage().startsWith("time_pointer = 'meta.ts' is not a JSON pointer"), e.getMessage());
        assertEquals(null, JsonPointers.parse("id_pointer", " "));
    }

    @Test
    void epochAndTimestampValuesOutOfRangeAreBadInputNotACrash() throws Exception {
        for (String time : List.of("\"9999999999999999999\"", "9999999999999999999", "99999999999999999999999",
                "1e300", "1e400", "-9999999999999999", "9999999999999999", "\"+10000-01-01T00:00:00Z\"")) {
            JsonNode record = JSON.readTree("{\"time\":" + time + ",\"msg\":\"x\"}");
            RecordException e = assertThrows(RecordException.class, () -> only(record), time);
            assertTrue(e.getMessage().startsWith("JSON record has time at /time "), e.getMessage());
            assertTrue(e.getMessage().contains(time.startsWith("1e") ? (time.equals("1e400") ? "Infinity" : "1.0E300") : time.replace("\"", "")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("between the years 0000 and 9999"), e.getMessage());
        }
        JsonNode lastMilli = JSON.readTree("{\"time\":253402300799999}");
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"), only(lastMilli).time());
    }

    @Test
    void anEntryOfTheReaderBecomesEventsOrARecordExceptionWhateverGoesWrong() throws Exception {
        RecordEntry good = new RecordEntry.Parsed(1, "{\"type\":\"t\"}", JSON.readTree("{\"type\":\"t\"}"));
        assertEquals("f:1", only(recognizer.events(good, "files", "f:1")).id());

        RecordEntry malformed = new RecordEntry.Malformed(2, "{x", "not JSON: Unexpected character");
        assertEquals("not JSON: Unexpected character",
                assertThrows(RecordException.class, () -> recognizer.events(malformed, "files", "f:2")).getMessage());

        // a failure no mapper foresaw (here the builder's own check) is still the record's, not the source's
        RecordException bug = assertThrows(RecordException.class, () -> recognizer.events(good, " ", "f:1"));
        assertEquals("cannot be turned into an event: java.lang.IllegalArgumentException: an event needs a non-empty"
                + " instance", bug.getMessage());
    }

    // ---- helpers

    private Event only(JsonNode record) throws RecordException {
        return only(recognizer.events(record, record.toString(), "test", "test.jsonl:1"));
    }

    private static Event only(List<Event> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    /**
     * A third party's kind, as a plugin would write one: records with {@code field} are of kind
     * {@code name}, id {@code acme_id}, type {@code type}; one with {@code parts} is an envelope of
     * one event per part.
     */
    static class AcmeKind implements RecordKind {
        private final String name;
        private final String field;

        AcmeKind(String name, String field) {
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
            String id = Fields.require(record, "acme_id", "Acme record");
            if (!record.has("parts")) {
                return List.of(event(id, record, raw, instance));
            }
            List<Event> events = new ArrayList<>();
            for (JsonNode part : record.get("parts")) {
                events.add(event(id + "/" + part.path("n").asText(), part, part.toString(), instance));
            }
            return events;
        }

        private Event event(String id, JsonNode detail, String raw, String instance) {
            return Event.builder().id(id).source(name).instance(instance).type(Fields.text(detail, "type"))
                    .time(Instant.parse("2026-11-22T10:00:00Z")).detail(detail).raw(raw).build();
        }

        @Override
        public RecordSummary summary(Event event) {
            String user = Fields.text(event.detail(), "user");
            return new RecordSummary(event.type() + " by " + user, user, null, null, null, null,
                    "https://acme.example/" + event.id());
        }
    }
}
