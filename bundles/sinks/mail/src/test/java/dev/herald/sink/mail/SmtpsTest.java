package dev.herald.sink.mail;

import static dev.herald.sink.mail.MailSinkTest.BODY;
import static dev.herald.sink.mail.MailSinkTest.configFor;
import static dev.herald.sink.mail.MailSinkTest.notification;
import static dev.herald.sink.mail.MailSinkTest.sink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.api.DeliveryException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTPS against GreenMail, whose certificate (src/test/resources/tls/localhost.p12, see the pom)
 * is self-signed for the host name localhost: not trusted by default, trusted with ca_bundle or insecure.
 */
class SmtpsTest {
    private final GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());

    @BeforeEach
    void start() {
        smtps.start();
    }

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        smtps.stop();
    }

    /** GreenMail's certificate as a PEM file, as an administrator would export it. */
    static Path serverCertificatePem(Path dir) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("greenmail.tls.keystore.file")))) {
            store.load(in, "changeit".toCharArray());
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(store.getCertificate("greenmail").getEncoded());
        return Files.writeString(dir.resolve("smtp-ca.pem"),
                "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    }

    private int port() {
        return smtps.getSmtps().getPort();
    }

    @Test
    void anUntrustedCertificateFailsWithAHintAtCaBundle() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(configFor(port(), "smtps")).send(notification("r", BODY)));

        assertTrue(e.getMessage().contains("TLS with SMTP server localhost:" + port() + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("ca_bundle"), e.getMessage());
        assertEquals(0, smtps.getReceivedMessages().length);
    }

    @Test
    void caBundleMakesTheServerTrusted() throws Exception {
        sink(configFor(port(), "smtps", "ca_bundle", serverCertificatePem(dir).toString())).send(notification("r", BODY));

        assertTrue(smtps.waitForIncomingEmail(5000, 2));
    }

    @Test
    void theHostNameIsStillVerifiedWithCaBundle() throws Exception {
        // the certificate names localhost only: the same server reached as 127.0.0.1 must be refused
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(configFor(port(), "smtps",
                "host", "127.0.0.1", "ca_bundle", serverCertificatePem(dir).toString())).send(notification("r", BODY)));

        assertTrue(e.getMessage().contains("TLS with SMTP server 127.0.0.1"), e.getMessage());
    }

    @Test
    void insecureAcceptsAnyCertificate() throws Exception {
        sink(configFor(port(), "smtps", "insecure", "true")).send(notification("r", BODY));

        assertTrue(smtps.waitForIncomingEmail(5000, 2));
    }
}
