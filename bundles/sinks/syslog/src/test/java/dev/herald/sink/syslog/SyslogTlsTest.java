package dev.herald.sink.syslog;

import static dev.herald.sink.syslog.SyslogSinkTest.notification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Severity;
import dev.herald.sink.syslog.testing.RsyslogServer;
import dev.herald.sink.syslog.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5425 against a real rsyslogd with gtls, whose certificate (signed by a test CA) names
 * DNS:localhost only: connecting to "localhost" is the right host, to "127.0.0.1" the wrong one.
 */
class SyslogTlsTest {
    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static RsyslogServer rsyslog;

    @BeforeAll
    static void start() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        certificates = TestCertificates.create(certs);
        rsyslog = RsyslogServer.tls(Files.createDirectories(dir.resolve("rsyslog")), certificates.ca(),
                certificates.serverCertificate(), certificates.serverKey());
    }

    @AfterAll
    static void stop() {
        rsyslog.close();
    }

    private static SyslogSink sink(String host, Object... keyValues) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "siem", "host", host, "transport", "tls",
                "port", Integer.toString(rsyslog.tcpPort()), "hostname", "herald-01"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new SyslogSink(SyslogSinkTest.config(p), ZoneOffset.UTC);
    }

    @Test
    void deliversOverVerifiedTlsWithTheCaBundleAndAClientCertificate() throws Exception {
        SyslogSink sink = sink("localhost", "ca_bundle", certificates.ca().toString(),
                "client_certificate", certificates.clientCertificate().toString(),
                "client_key", certificates.clientKey().toString());
        try {
            sink.sendBatch(List.of(notification("tls-1", "StopLogging", Severity.CRITICAL, "over tls\nsecond line"),
                    notification("tls-2", "StopLogging", Severity.CRITICAL, "and again")));
            sink.send(notification("tls-3", "StopLogging", Severity.CRITICAL, "on the same connection"));
        } finally {
            sink.deactivate();
        }
        List<JsonNode> received = rsyslog.await(3, m -> m.path("structured-data").asText().contains("id=\"tls-"));
        assertEquals(List.of("over tls\nsecond line", "and again", "on the same connection"),
                received.stream().map(m -> m.path("msg").asText()).toList());
        assertEquals("130", received.get(0).path("pri").asText());
        assertEquals("StopLogging", received.get(0).path("msgid").asText());
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        SyslogSink sink = sink("127.0.0.1", "ca_bundle", certificates.ca().toString());
        try {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> sink.send(notification("x", "t", Severity.INFO, "must not arrive")));
            assertTrue(e.isRetryable());
            assertTrue(e.getMessage().startsWith("the certificate of tls://127.0.0.1:" + rsyslog.tcpPort()
                    + " is not accepted (No subject alternative names matching IP address 127.0.0.1 found)"), e.getMessage());
        } finally {
            sink.deactivate();
        }
    }

    @Test
    void aCertificateFromAnUnknownCaIsRefusedWithAdvice() {
        SyslogSink sink = sink("localhost");
        try {
            DeliveryException e = assertThrows(DeliveryException.class,
                    () -> sink.send(notification("y", "t", Severity.INFO, "must not arrive")));
            assertTrue(e.isRetryable());
            assertTrue(e.getMessage().contains("is not accepted (unable to find valid certification path"), e.getMessage());
            assertTrue(e.getMessage().contains("set ca_bundle to that CA's PEM file"), e.getMessage());
        } finally {
            sink.deactivate();
        }
    }

    @Test
    void insecureSkipsVerification() throws Exception {
        SyslogSink sink = sink("127.0.0.1", "insecure", "true");
        try {
            sink.send(notification("insecure-1", "t", Severity.LOW, "unverified"));
        } finally {
            sink.deactivate();
        }
        JsonNode m = rsyslog.await(1, r -> r.path("structured-data").asText().contains("id=\"insecure-1\"")).get(0);
        assertEquals("unverified", m.path("msg").asText());
    }
}
