package dev.herald.it;

import dev.herald.sink.syslog.testing.RsyslogServer;
import dev.herald.sink.syslog.testing.TestCertificates;
import dev.herald.source.s3.testing.S3Mock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The real peers of the AWS suite, started once in the JVM that drives Pax Exam (a suite's
 * {@code @Configuration} runs there, outside Karaf): S3Mock as its own process, ElasticMQ
 * embedded, and rsyslogd listening for TLS with a certificate from a throw-away CA. The
 * container reaches them on loopback; what it needs to know comes as system properties.
 */
final class AwsPeers {
    private static Map<String, String> properties;

    private AwsPeers() {
    }

    /** Starts the peers on first use; the system properties that tell the container where they are. */
    static synchronized Map<String, String> start() throws Exception {
        if (properties == null) {
            Path dir = Files.createTempDirectory("herald-it-aws");
            S3Mock s3 = S3Mock.start(Files.createDirectories(dir.resolve("s3")));
            int sqsPort = freePort();
            SQSRestServerBuilder.withPort(sqsPort).withInterface("127.0.0.1").start().waitUntilStarted();
            TestCertificates certificates = TestCertificates.create(Files.createDirectories(dir.resolve("pki")));
            RsyslogServer syslog = RsyslogServer.tls(Files.createDirectories(dir.resolve("rsyslog")),
                    certificates.ca(), certificates.serverCertificate(), certificates.serverKey());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                syslog.close();
                try {
                    s3.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            properties = Map.of(
                    "it.s3.endpoint", s3.endpoint(),
                    "it.sqs.endpoint", "http://127.0.0.1:" + sqsPort,
                    "it.syslog.port", Integer.toString(syslog.tcpPort()),
                    "it.syslog.ca", certificates.ca().toString(),
                    "it.syslog.output", syslog.output().toString());
        }
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
