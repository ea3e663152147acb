package dev.herald.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.kind.aws.CloudTrailKind;
import dev.herald.kind.aws.SecurityHubKind;
import dev.herald.kind.illumio.IllumioFlowKind;
import dev.herald.kind.illumio.PceAuditKind;
import dev.herald.testkit.sink.DemoRecords;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Herald's kinds read of a record only the members they name, on the demo inbox's records and on
 * each of them with one member taken away (so that the errors a kind raises are compared too).
 */
class RecordKindContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void heraldsKindsReadOnlyTheMembersTheyName() throws Exception {
        JsonNode cloudTrail = JSON.readTree(DemoRecords.inbox().resolve("cloudtrail-123456789012.json").toFile());
        assertHolds(new CloudTrailKind(), cloudTrail.get("Records"));
        assertHolds(new IllumioFlowKind(), lines("illumio-flows.jsonl"));
        assertHolds(new PceAuditKind(), lines("pce-audit-events.jsonl"));
        JsonNode pushed = JSON.readTree(DemoRecords.inbox().resolve("securityhub-findings.json").toFile());
        assertHolds(new SecurityHubKind(), JSON.createArrayNode().add(pushed));
        assertHolds(new SecurityHubKind(), pushed.at("/detail/findings"));
    }

    @Test
    void aKindThatReadsAMemberItDoesNotNameFailsIt() {
        RecordKind flows = new IllumioFlowKind();
        RecordKind sloppy = new RecordKind() { // reads timestamp without naming it
            @Override
            public String name() {
                return flows.name();
            }

            @Override
            public Set<String> membersRead() {
                return Set.of("src_ip", "dst_ip", "dst_port", "pd");
            }

            @Override
            public boolean accepts(JsonNode record) {
                return flows.accepts(record);
            }

            @Override
            public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
                    throws RecordException {
                return flows.events(record, raw, instance, fallbackId);
            }

            @Override
            public RecordSummary summary(Event event) {
                return flows.summary(event);
            }
        };
        String flow = "{\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"10.0.0.2\",\"dst_port\":22,\"pd\":2,"
                + "\"timestamp\":\"2026-11-22T10:00:00Z\"}";
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> RecordKindContract.assertReadsOnlyTheMembersItNames(sloppy, flow));
        assertTrue(failed.getMessage().contains("reads a member it does not name"), failed.getMessage());
    }

    private static void assertHolds(RecordKind kind, JsonNode records) throws RecordException {
        assertTrue(records.size() > 0, kind.name());
        for (JsonNode record : records) {
            RecordKindContract.assertReadsOnlyTheMembersItNames(kind, record.toString());
            for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
                ObjectNode without = ((ObjectNode) record).deepCopy();
                without.remove(names.next());
                RecordKindContract.assertReadsOnlyTheMembersItNames(kind, without.toString());
            }
        }
    }

    private static JsonNode lines(String file) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(DemoRecords.inbox().resolve(file))) {
            try {
                JsonNode record = JSON.readTree(line);
                if (record != null && record.isObject()) {
                    records.add(record);
                }
            } catch (JsonProcessingException notJson) {
                // the demo's bad lines, for the quarantine: no kind sees them
            }
        }
        return JSON.createArrayNode().addAll(records);
    }
}
