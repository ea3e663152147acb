package dev.herald.kind.illumio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.record.RecordSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Illumio kinds as a source recognises them, with the other Herald kinds' rankings around them. */
class IllumioKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordRecognizer recognizer = RecordKinds.of(new PceAuditKind(), new IllumioFlowKind()).recognizer();

    @Test
    void pceAuditEventsAreIdentifiedByHrefAndRatedByTheirSeverityWordAndStatus() throws Exception {
        List<Event> events = new ArrayList<>();
        List<RecordEntry> entries = entries("pce-audit-events.jsonl");
        for (RecordEntry entry : entries) {
            RecordEntry.Parsed r = assertInstanceOf(RecordEntry.Parsed.class, entry);
            assertEquals("pce", recognizer.kind(r.json()));
            List<Event> one = recognizer.events(r.json(), r.text(), "pce-prod", "pce-audit-events.jsonl:" + r.number());
            assertEquals(1, one.size());
            assertEquals(r.text(), one.get(0).raw());
            events.addAll(one);
        }
        assertEquals(11, events.size());
        Event first = events.get(0);
        assertEquals("/orgs/7/events/0b6f1c9e-3d2a-4f58-9e61-7a4c2d8b1f03", first.id());
        assertEquals("pce", first.source());
        assertEquals("pce-prod", first.instance());
        assertEquals("user.sign_in", first.type());
        assertEquals(Instant.parse("2026-11-03T08:02:11.482Z"), first.time());
        assertEquals(Severity.INFO, first.severity());
        assertEquals("198.51.100.24", first.detail().path("action").path("src_ip").asText());

        Map<String, Severity> byType = new LinkedHashMap<>();
        events.forEach(e -> byType.merge(e.type(), e.severity(), Severity::atLeast));
        assertEquals(Severity.MEDIUM, byType.get("user.login_failed"), "warning");
        assertEquals(Severity.MEDIUM, byType.get("request.authentication_failed"));
        assertEquals(Severity.HIGH, byType.get("agent.tampering"), "err");
        assertEquals(Severity.INFO, byType.get("sec_policy.create"));
    }

    @Test
    void aFailedPceEventIsAtLeastLow() throws Exception {
        ObjectNode event = pceEvent();
        event.put("severity", "info").put("status", "failure");
        assertEquals(Severity.LOW, only(event).severity());
        event.remove("severity");
        assertEquals(Severity.LOW, only(event).severity());
        event.put("status", "success");
        assertEquals(Severity.INFO, only(event).severity());
    }

    @Test
    void aPceEventWithABadTimestampIsBadInput() throws Exception {
        ObjectNode event = pceEvent();
        event.put("timestamp", "03/11/2026 08:41");
        RecordException e = assertThrows(RecordException.class, () -> only(event));
        assertEquals("PCE audit event has malformed timestamp '03/11/2026 08:41': expected ISO-8601", e.getMessage());
    }

    @Test
    void illumioFlowSummariesUseTheFallbackIdAndThePolicyDecision() throws Exception {
        List<Event> events = new ArrayList<>();
        int malformed = 0;
        for (RecordEntry entry : entries("illumio-flows.jsonl")) {
            if (entry instanceof RecordEntry.Parsed r) {
                events.addAll(recognizer.events(r.json(), r.text(), "flows", "illumio-flows.jsonl:" + r.number()));
            } else {
                malformed++;
            }
        }
        assertEquals(1, malformed, "the demo file has one line cut short");
        assertEquals(List.of("flow.allowed", "flow.allowed", "flow.blocked", "flow.potentially_blocked", "flow.blocked",
                "flow.allowed", "flow.unknown"), events.stream().map(Event::type).toList());
        assertEquals(List.of(Severity.INFO, Severity.INFO, Severity.LOW, Severity.LOW, Severity.LOW, Severity.INFO,
                Severity.INFO), events.stream().map(Event::severity).toList());
        assertEquals("illumio-flows.jsonl:1", events.get(0).id());
        assertEquals("illumio-flows.jsonl:7", events.get(5).id());
        assertEquals("illumio-flow", events.get(0).source());
        assertEquals(Instant.parse("2026-11-03T09:10:00Z"), events.get(0).time());
    }

    @Test
    void aFlowWithoutAFallbackIdIsBadInput() throws Exception {
        JsonNode flow = JSON.readTree("{\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"10.0.0.2\",\"dst_port\":22,\"pd\":2,"
                + "\"timestamp\":\"2026-11-03T09:10:00Z\"}");
        RecordException e = assertThrows(RecordException.class, () -> recognizer.events(flow, flow.toString(), "f", null));
        assertEquals("Illumio flow summary has no id of its own and the source gave no fallback id", e.getMessage());
    }

    @Test
    void aPceEventSummarySaysWhoDidWhatToWhichResourceOnWhichPce() throws Exception {
        ObjectNode record = pceEvent();
        record.put("event_type", "workloads.update").put("status", "success");
        record.putObject("created_by").putObject("user").put("username", "maria.lopez@corp.example.com");
        record.putArray("resource_changes").addObject().putObject("resource").putObject("workload")
                .put("href", "/orgs/7/workloads/42").put("name", "db-01");
        RecordSummary s = new PceAuditKind().summary(only(record));
        assertEquals(new RecordSummary("workloads.update by maria.lopez@corp.example.com",
                "maria.lopez@corp.example.com", "db-01", "pce.corp.example.com", null, "success",
                "https://pce.corp.example.com/#/events"), s);

        RecordSummary failedLogin = new PceAuditKind().summary(events("pce-audit-events.jsonl").get(1));
        assertEquals("user.login_failed by system", failedLogin.title());
        assertEquals("admin@corp.example.com", failedLogin.target(), "the user the failed sign-in named");
        assertEquals("failure", failedLogin.outcome());
    }

    @Test
    void aFlowSummarySaysFromWhereToWhereAndTheDecision() throws Exception {
        JsonNode flow = JSON.readTree("{\"src_ip\":\"10.0.0.5\",\"src_hostname\":\"web-01\",\"dst_ip\":\"10.0.1.7\","
                + "\"dst_port\":5432,\"proto\":6,\"pd\":1,\"pce_fqdn\":\"pce.example.com\",\"timestamp\":\"2026-11-03T09:10:00Z\"}");
        Event e = recognizer.events(flow, flow.toString(), "flows", "f:1").get(0);
        assertEquals(new RecordSummary("web-01 -> 10.0.1.7:5432 potentially blocked", "web-01", "10.0.1.7:5432",
                "pce.example.com", null, "potentially_blocked", null), new IllumioFlowKind().summary(e));
    }

    @Test
    void aSummaryOfAnEventWhoseDetailSaysNothingStillHasATitle() throws Exception {
        Event bare = Event.builder().id("x").source("pce").instance("i").type("t").detail(JSON.createObjectNode())
                .raw("{}").build();
        assertEquals("t", new PceAuditKind().summary(bare).title());
        assertNull(new PceAuditKind().summary(bare).link());
        assertEquals("? -> ?", new IllumioFlowKind().summary(bare.toBuilder().source("illumio-flow").build()).title());
    }

    // ---- helpers

    private Event only(JsonNode record) throws RecordException {
        List<Event> events = recognizer.events(record, record.toString(), "test", "test.jsonl:1");
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }

    private List<Event> events(String fixture) throws Exception {
        List<Event> events = new ArrayList<>();
        for (RecordEntry entry : entries(fixture)) {
            events.addAll(recognizer.events(entry, "test", fixture + ":" + entry.number()));
        }
        return events;
    }

    private static List<RecordEntry> entries(String fixture) throws IOException {
        List<RecordEntry> entries = new ArrayList<>();
        try (InputStream in = IllumioKindsTest.class.getResourceAsStream(fixture);
             RecordReader reader = RecordReader.open(in)) {
            for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
        }
        return entries;
    }

    private static ObjectNode pceEvent() throws IOException {
        return (ObjectNode) JSON.readTree("{\"href\":\"/orgs/7/events/4ab7b6d5-af8c-4e43-9c51-c6d9e3f7a85a\","
                + "\"timestamp\":\"2026-11-03T08:42:30.391Z\",\"pce_fqdn\":\"pce.corp.example.com\","
                + "\"created_by\":{\"system\":{}},\"event_type\":\"request.authentication_failed\","
                + "\"status\":\"failure\",\"severity\":\"warning\",\"version\":2}");
    }
}
