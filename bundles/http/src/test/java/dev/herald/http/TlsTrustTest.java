package dev.herald.http;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.http.tls.TlsTrust;
import dev.herald.testkit.http.StubHttpServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class TlsTrustTest {
    private static final TestPki PKI = new TestPki("Herald Test CA");
    private static final TestPki OTHER_PKI = new TestPki("Unrelated CA");

    @TempDir
    static Path dir;
    private static Path caPem;

    @BeforeAll
    static void writeBundle() {
        caPem = PKI.writeCaPem(dir, "");
    }

    private static HttpSettings.Builder settings() {
        return HttpSettings.builder("sink webhook/tls");
    }

    private static int get(HttpClients clients, HttpSettings settings, StubHttpServer server) throws HttpFailure {
        return clients.create(settings).send(HttpRequest.newBuilder(server.uri("/")).build()).statusCode();
    }

    @Test
    void aServerFromTheConfiguredCaIsTrusted() throws HttpFailure {
        try (StubHttpServer server = StubHttpServer.https(PKI.serverContext(TestPki.loopbackIp()))) {
            assertEquals(200, get(HttpClients.standalone(), settings().caBundle(caPem.toString()).build(), server));
        }
    }

    @Test
    void aBundleOfSeveralCertificatesWithTextAroundThemWorks() throws HttpFailure {
        Path bundle = PKI.writeCaPem(dir, "# corporate bundle\nUnrelated CA\n=====\n", OTHER_PKI.ca());
        assertEquals(2, TlsTrust.readPem(bundle).size());
        try (StubHttpServer server = StubHttpServer.https(PKI.serverContext(TestPki.loopbackIp()))) {
            assertEquals(200, get(HttpClients.standalone(), settings().caBundle(bundle.toString()).build(), server));
        }
    }

    @Test
    void theDefaultsCaBundleIsTrustedByEveryClient() throws HttpFailure {
        HttpClients clients = HttpClients.withDefaults(HttpSettings.builder("defaults").caBundle(caPem.toString()).build());
        try (StubHttpServer server = StubHttpServer.https(PKI.serverContext(TestPki.loopbackIp()))) {
            assertEquals(200, get(clients, settings().build(), server));
        }
    }

    @Test
    void anUnknownCaIsRejectedByDefaultWithAHintAboutCaBundle() {
        try (StubHttpServer server = StubHttpServer.https(PKI.serverContext(TestPki.loopbackIp()))) {
            HttpFailure f = assertThrows(HttpFailure.class, () -> get(HttpClients.standalone(), settings().build(), server));
            assertTrue(f.isRetryable());
            assertTrue(f.getMessage().startsWith("TLS with 127.0.0.1:" + server.port() + " failed"), f.getMessage());
            assertTrue(f.getMessage().endsWith("set ca_bundle to that CA's PEM file"), f.getMessage());
        }
    }

    @Test
    void theCaBundleIsAddedToTheJvmTrustStoreNotSubstitutedForIt() throws Exception {
        List<X509Certificate> jvm = TlsTrust.jvmTrustAnchors();
        assertTrue(jvm.size() > 10, "the JVM trusts " + jvm.size() + " CAs");
        List<X509Certificate> trusted = List.of(TlsTrust.jvmTrustPlusManager(List.of(PKI.ca())).getAcceptedIssuers());
        assertTrue(trusted.containsAll(jvm));
        assertTrue(trusted.contains(PKI.ca()));
        assertEquals(jvm.size() + 1, trusted.size());
    }

    @Test
    void hostNamesAreStillVerifiedWithACaBundle() {
        try (StubHttpServer server = StubHttpServer.https(PKI.serverContext(TestPki.dnsName("elsewhere.example")))) {
            HttpFailure f = assertThrows(HttpFailure.class,
                    () -> get(HttpClients.standalone(), settings().caBundle(caPem.toString()).build(), server));
            assertTrue(f.getMessage().startsWith("TLS with 127.0.0.1"), f.getMessage());
        }
    }

    @Test
    void insecureAcceptsAnyCertificateAndHostNameAndSaysSoLoudly() throws HttpFailure {
        Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
        HttpClients clients = new DefaultHttpClients(HttpSettings.builder("defaults").build(),
                new EventRecodingLogger(new SubstituteLogger("dev.herald.http", events, false), events));
        try (StubHttpServer server = StubHttpServer.https(OTHER_PKI.serverContext(TestPki.dnsName("elsewhere.example")))) {
            assertEquals(200, get(clients, settings().insecure(true).build(), server));
        }
        SubstituteLoggingEvent warning = events.remove();
        assertEquals(Level.WARN, warning.getLevel());
        String text = MessageFormatter.arrayFormat(warning.getMessage(), warning.getArgumentArray()).getMessage();
        assertTrue(text.startsWith("TLS verification is DISABLED for sink webhook/tls (insecure=true)"), text);
    }

    @Test
    void insecureIsNeverADefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpClients.withDefaults(HttpSettings.builder("defaults").insecure(true).build()));
        assertTrue(e.getMessage().startsWith("insecure cannot be a default"), e.getMessage());
    }

    @Test
    void aMissingOrInvalidCaBundleIsAClearConfigurationError() throws Exception {
        HttpSettings missing = settings().caBundle(dir.resolve("nope.pem").toString()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpClients.standalone().create(missing));
        assertTrue(e.getMessage().startsWith("ca_bundle '" + dir.resolve("nope.pem") + "' does not exist"), e.getMessage());

        Path notPem = Files.writeString(dir.resolve("key.txt"), "just some text\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> HttpClients.standalone().create(settings().caBundle(notPem.toString()).build()));
        assertTrue(e.getMessage().startsWith("ca_bundle '" + notPem + "' "), e.getMessage());
        assertTrue(e.getMessage().contains("-----BEGIN CERTIFICATE-----"), e.getMessage());
    }
}
