package dev.herald.it;

import dev.herald.sink.syslog.testing.RsyslogServer;
import dev.herald.sink.syslog.testing.TestCertificates;
import dev.herald.source.s3.testing.S3Mock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The real peers of the AWS suite, started once in the JVM that drives Pax Exam (a suite's
 * {@code @Configuration} runs there, outside Karaf): S3Mock as its own process, ElasticMQ
 * embedded, rsyslogd listening for TLS with a certificate from a throw-away CA, and the keystore
 * of Karaf's own HTTPS connector. The
 * container reaches them on loopback; what it needs to know comes as system properties.
 */
final class AwsPeers {
    static final String KEYSTORE_PASSWORD = "it-keystore";
    private static final List<Stopper> stoppers = new ArrayList<>();
    private static Map<String, String> properties;

    /** Stops a peer. */
    interface Stopper {
        void stop() throws Exception;
    }

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
            stoppers.add(syslog::close);
            stoppers.add(s3::close);
            Path keystore = httpsKeystore(dir);
            properties = Map.of(
                    "it.https.keystore", keystore.toString(),
                    "it.s3.endpoint", s3.endpoint(),
                    "it.sqs.endpoint", "http://127.0.0.1:" + sqsPort,
                    "it.syslog.port", Integer.toString(syslog.tcpPort()),
                    "it.syslog.ca", certificates.ca().toString(),
                    "it.syslog.output", syslog.output().toString());
        }
        return properties;
    }

    /**
     * A self-signed certificate for localhost and 127.0.0.1 in a PKCS#12 keystore (password
     * {@link #KEYSTORE_PASSWORD}), for Karaf's HTTPS connector, which serves the push endpoint.
     */
    private static Path httpsKeystore(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("https.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "herald", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        return keystore;
    }

    /**
     * Stops the peers started here. Called when the test plan has run ({@link PeersShutdown}): the
     * forked JVM is halted without its shutdown hooks, and the peers are processes of their own.
     */
    static synchronized void stop() {
        for (Stopper stopper : stoppers) {
            try {
                stopper.stop();
            } catch (Exception e) {
                System.err.println("could not stop a test peer: " + e);
            }
        }
        stoppers.clear();
        properties = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
