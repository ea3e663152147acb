package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.RouteMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteTestCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    RouteTestCommandTest() {
        // iam-changes matches IAM calls and raises them to high; the console sink cannot render
        admin.router = event -> event.detail().path("eventSource").asText().equals("iam.amazonaws.com")
                ? List.of(new RouteMatch("iam-changes", "high", List.of(
                        new RouteMatch.Rendered("secops", "{\n  \"text\": \"" + event.type() + "\"\n}", null),
                        new RouteMatch.Rendered("console", null, "template cloudtrail.peb: line 3: unknown filter"))))
                : List.of();
    }

    @Test
    void showsForEachCloudTrailRecordTheMatchingRoutesAndEachSinksBody() throws Exception {
        String out = Shell.run(new RouteTestCommand(), admin, "--instance", "prod-trail", sample().toString());

        assertEquals("""
                CreateUser 11111111-2222-3333-4444-555555555555 (cloudtrail, severity high)
                  route iam-changes, severity high
                    secops:
                      {
                        "text": "CreateUser"
                      }
                    console: not rendered: template cloudtrail.peb: line 3: unknown filter

                ListBuckets 66666666-7777-8888-9999-000000000000 (cloudtrail, severity info)
                  matches no route

                2 events from cloudtrail-sample.json (CloudTrail log file): 1 matched a route, 1 matched none. Nothing was sent.
                """, out);
        Event first = admin.routeTested.get(0);
        assertEquals("prod-trail", first.instance());
        assertEquals(Severity.HIGH, first.severity());
        assertTrue(first.raw().startsWith("{\n    \"eventVersion\": \"1.09\""), "the record's exact text: " + first.raw());
        assertTrue(admin.calls.isEmpty(), "nothing sent: " + admin.calls);
    }

    @Test
    void readsGzippedJsonLinesAndReportsUnreadableLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("""
                    {"eventID":"e1","eventName":"CreateAccessKey","eventSource":"iam.amazonaws.com","eventTime":"2026-11-22T10:00:00Z"}
                    {"eventID": oops
                    {"eventID":"e3","eventName":"GetObject","eventSource":"s3.amazonaws.com"}
                    """).getBytes(StandardCharsets.UTF_8));
        }

        String out = Shell.run(new RouteTestCommand(), admin, file.toString());

        assertTrue(out.contains("CreateAccessKey e1 (cloudtrail, severity high)\n  route iam-changes, severity high\n"), out);
        assertTrue(out.contains("! line 2 cannot become an event: not JSON"), out);
        assertTrue(out.contains("! line 3 cannot become an event: "), out);
        assertTrue(out.contains("eventTime"), "the recognizer names the missing field: " + out);
        assertTrue(out.endsWith("1 event from events.jsonl.gz (JSON Lines): 1 matched a route, 0 matched none,"
                + " 2 records unreadable. Nothing was sent.\n"), out);
    }

    @Test
    void aMissingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new RouteTestCommand(), admin, "/nonexistent/trail.json"));
        assertEquals("no readable file /nonexistent/trail.json", e.getMessage());
    }

    static Path sample() throws URISyntaxException {
        return Path.of(RouteTestCommandTest.class.getResource("/cloudtrail-sample.json").toURI());
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
