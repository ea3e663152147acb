package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.sink.syslog.testing.RsyslogServer;
import dev.herald.testkit.sink.SinkConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real rsyslog receives and parses from the sink over TCP and UDP. */
class SyslogSinkTest {
    @TempDir
    Path dir;

    private RsyslogServer rsyslog;
    private final List<SyslogSink> sinks = new ArrayList<>();

    @AfterEach
    void stop() {
        sinks.forEach(SyslogSink::deactivate);
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    /** The sink as DS builds it from these configuration properties (strings, as in a .cfg). */
    static SyslogSink.Config config(Map<String, Object> properties) {
        return SinkConfig.of(SyslogSink.Config.class, properties).get();
    }

    private SyslogSink sink(Object... keyValues) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "siem", "host", "127.0.0.1",
                "port", Integer.toString(rsyslog.tcpPort()), "hostname", "herald-01"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        SyslogSink sink = new SyslogSink(config(p), ZoneOffset.UTC);
        sinks.add(sink);
        return sink;
    }

    static Notification notification(String id, String type, Severity severity, String body) {
        Event event = Event.builder().id(id).source("cloudtrail").instance("org-trail").type(type)
                .time(Instant.parse("2026-11-22T10:03:47.250Z")).severity(severity).build();
        return new Notification(event, "iam-changes", "siem", severity, body, 1, "k-" + id);
    }

    @Test
    void rfc5424OverTcpWithOctetCountingKeepsEveryFieldAndLineBreaks() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        String body = "{\"eventName\":\"CreateUser\",\n \"note\":\"créé ] \\\" \\\\ 日本\"}";
        sink("facility", "local4").send(notification("ev-\"1\"]\\", "CreateUser", Severity.HIGH, body + "\n"));

        JsonNode m = rsyslog.await(1).get(0);
        assertEquals("163", m.path("pri").asText(), "local4 (20) * 8 + err (3)");
        assertEquals("20", m.path("syslogfacility").asText());
        assertEquals("3", m.path("syslogseverity").asText());
        assertEquals("1", m.path("protocol-version").asText());
        assertTrue(m.path("timereported").asText().startsWith("2026-11-22T10:03:47.250"), m.toString());
        assertEquals("herald-01", m.path("hostname").asText());
        assertEquals("herald", m.path("app-name").asText());
        assertEquals("-", m.path("procid").asText());
        assertEquals("CreateUser", m.path("msgid").asText());
        assertEquals("[herald@32473 id=\"ev-\\\"1\\\"\\]\\\\\" source=\"cloudtrail\" route=\"iam-changes\""
                + " severity=\"high\"]", m.path("structured-data").asText());
        assertEquals(body, m.path("msg").asText(), "the body, line break and UTF-8 intact, trailing line break dropped");
    }

    @Test
    void lfFramingTurnsLineBreaksIntoSpacesSoEachMessageStaysOne() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        sink("framing", "lf").sendBatch(List.of(
                notification("a", "ConsoleLogin", Severity.INFO, "line one\r\nline two\nthree"),
                notification("b", "DeleteTrail", Severity.CRITICAL, "second")));

        List<JsonNode> received = rsyslog.await(2);
        assertEquals(2, received.size());
        assertEquals("line one line two three", received.get(0).path("msg").asText());
        assertEquals("134", received.get(0).path("pri").asText(), "local0 (16) * 8 + info (6)");
        assertEquals("second", received.get(1).path("msg").asText());
        assertEquals("130", received.get(1).path("pri").asText(), "local0 (16) * 8 + crit (2)");
        assertEquals("DeleteTrail", received.get(1).path("msgid").asText());
    }

    @Test
    void rfc3164HeaderOverTcp() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        sink("header", "rfc3164", "facility", "13", "app_name", "herald-prod")
                .send(notification("a", "ConsoleLogin", Severity.MEDIUM, "CEF:0|Herald|x"));

        JsonNode m = rsyslog.await(1).get(0);
        assertEquals("108", m.path("pri").asText(), "audit (13) * 8 + warning (4)");
        assertEquals("herald-01", m.path("hostname").asText());
        assertEquals("herald-prod", m.path("programname").asText());
        assertEquals("herald-prod:", m.path("syslogtag").asText());
        assertEquals("CEF:0|Herald|x", m.path("msg").asText().strip());
        assertTrue(m.path("timereported").asText().contains("T10:03:47"), m.toString());
    }

    @Test
    void udpSendsOneDatagramPerMessage() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        SyslogSink sink = sink("transport", "udp", "port", Integer.toString(rsyslog.udpPort()), "msgid", "HERALD");
        sink.sendBatch(List.of(notification("a", "t", Severity.LOW, "first\nwith a line break"),
                notification("b", "t", Severity.LOW, "second")));

        List<JsonNode> received = rsyslog.await(2);
        assertEquals(List.of("first\nwith a line break", "second"),
                received.stream().map(m -> m.path("msg").asText()).sorted().toList());
        assertEquals("HERALD", received.get(0).path("msgid").asText());
        assertEquals("imudp", received.get(0).path("inputname").asText());
    }

    @Test
    void aThousandMessagesInTwoBatchesArriveCompleteAndInOrder() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        SyslogSink sink = sink();
        assertEquals(500, sink.maxBatchSize());
        for (int batch = 0; batch < 2; batch++) {
            List<Notification> notifications = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                notifications.add(notification("ev-" + n, "t", Severity.INFO, "message " + n));
            }
            assertEquals(Map.of(), sink.sendBatch(notifications));
        }

        List<JsonNode> received = rsyslog.await(1000);
        assertEquals(1000, received.size());
        for (int n = 0; n < 1000; n++) {
            assertEquals("message " + n, received.get(n).path("msg").asText());
        }
    }

    @Test
    void aStoppedReceiverIsRetryableAndTheNextSendReconnects() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        SyslogSink sink = sink();
        sink.send(notification("a", "t", Severity.INFO, "before"));
        rsyslog.await(1);
        rsyslog.close();

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink.send(notification("b", "t", Severity.INFO, "while down")));
        assertTrue(e.isRetryable());
        assertEquals("connection to tcp://127.0.0.1:" + rsyslog.tcpPort() + " refused: is the syslog receiver running"
                + " and listening there?", e.getMessage());

        rsyslog.start();
        sink.send(notification("c", "t", Severity.INFO, "after restart"));
        assertEquals(List.of("before", "after restart"),
                rsyslog.await(2).stream().map(m -> m.path("msg").asText()).toList());
    }

    @Test
    void aLongMessageIsCutAtACharacterBoundary() throws Exception {
        rsyslog = RsyslogServer.plain(dir);
        sink("max_message_size", "480").send(notification("a", "t", Severity.INFO, "é".repeat(400)));

        String msg = rsyslog.await(1).get(0).path("msg").asText();
        assertTrue(msg.length() > 100 && msg.length() < 240, msg);
        assertEquals("é".repeat(msg.length()), msg, "no broken character at the end");
    }
}
