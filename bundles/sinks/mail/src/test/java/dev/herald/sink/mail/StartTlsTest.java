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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS, with a TLS-upgrading front ({@link StartTlsFront}) before GreenMail. */
class StartTlsTest {
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private StartTlsFront front;

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        front = new StartTlsFront(smtp.getSmtp().getPort());
    }

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        front.close();
        smtp.stop();
    }

    @Test
    void upgradesTheConnectionThenLogsInAndSends() throws Exception {
        smtp.setUser("herald@example.com", "herald", "s3cret-pw");

        sink(configFor(front.port(), "starttls", "ca_bundle", SmtpsTest.serverCertificatePem(dir).toString(),
                "username", "herald", "password", "s3cret-pw")).send(notification("r", BODY));

        assertTrue(smtp.waitForIncomingEmail(5000, 2));
        assertEquals(1, front.upgraded());
        assertEquals("<0f3a9c5e7b21d4e6a8c0b2d4f6e8a1c3@herald>", smtp.getReceivedMessages()[0].getMessageID());
    }

    @Test
    void anUntrustedCertificateStopsBeforeAnythingIsSent() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(configFor(front.port(), "starttls")).send(notification("r", BODY)));

        assertTrue(e.getMessage().contains("TLS with SMTP server localhost:" + front.port() + " failed"), e.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length);
    }
}
