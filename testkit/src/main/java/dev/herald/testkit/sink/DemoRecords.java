package dev.herald.testkit.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records of the demo inbox the distribution ships ({@code
 * karaf-assembly/src/main/resources/assembly/demo/inbox}), so that a sink's template test proves
 * its default templates on what a user first sees them render. Each call reads the file again:
 * the record is the caller's to change.
 */
public final class DemoRecords {
    private static final String INBOX = "karaf-assembly/src/main/resources/assembly/demo/inbox";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoRecords() {
    }

    /** Finding {@code index} of {@code securityhub-findings.json} (an EventBridge event's {@code detail.findings}). */
    public static ObjectNode securityHubFinding(int index) {
        return (ObjectNode) read("securityhub-findings.json").at("/detail/findings/" + index);
    }

    /** Record {@code index} of {@code cloudtrail-123456789012.json} (a CloudTrail log file's {@code Records}). */
    public static ObjectNode cloudTrailRecord(int index) {
        return (ObjectNode) read("cloudtrail-123456789012.json").at("/Records/" + index);
    }

    /** Line {@code index} of {@code pce-audit-events.jsonl}: one Illumio PCE audit event. */
    public static ObjectNode pceAuditEvent(int index) {
        try {
            String line = Files.readAllLines(inbox().resolve("pce-audit-events.jsonl")).get(index);
            return (ObjectNode) MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String file) {
        try {
            return MAPPER.readTree(inbox().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo inbox, found from the module under test (its working directory) up to the source tree's root. */
    public static Path inbox() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(INBOX))) {
                return dir.resolve(INBOX);
            }
        }
        throw new IllegalStateException("no " + INBOX + " above " + Path.of("").toAbsolutePath()
                + ": DemoRecords reads the demo inbox of Herald's source tree");
    }
}
