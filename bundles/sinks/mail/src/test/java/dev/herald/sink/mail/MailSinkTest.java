package dev.herald.sink.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkConfig;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against a real SMTP server (GreenMail, plain SMTP on a loopback port). */
class MailSinkTest {
    static final String BODY = "{\"subject\":\"[Herald HIGH] CloudTrail CreateUser \\u00e9t\\u00e9\","
            + "\"text\":\"Cr\\u00e9\\u00e9 par <script>alert(1)</script>\\nligne 2\","
            + "\"html\":\"<p>Cr\\u00e9\\u00e9 par &lt;script&gt;</p>\"}";

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void start() {
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static MailSink sink(Map<String, Object> properties) {
        return SinkConfig.of(MailSink.Config.class, properties).activate(MailSink.class);
    }

    static Map<String, Object> configFor(int port, String security, Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "secops-mail", "host", "localhost",
                "port", String.valueOf(port), "security", security, "from", "\"Herald\" <herald@example.com>",
                "to", "secops@example.com, \"On call\" <oncall@example.com>", "connect_timeout", "5",
                "read_timeout", "5"), keyValues);
    }

    private Map<String, Object> config(Object... keyValues) {
        return configFor(smtp.getSmtp().getPort(), "none", keyValues);
    }

    static Notification notification(String route, String body) {
        Event event = Event.builder().id("ev-1").source("cloudtrail").instance("org-trail").type("CreateUser")
                .severity(Severity.HIGH).build();
        return new Notification(event, route, "secops-mail", Severity.HIGH, body, 2, "0f3a9c5e7b21d4e6a8c0b2d4f6e8a1c3");
    }

    private MimeMessage[] received(int count) {
        assertTrue(smtp.waitForIncomingEmail(5000, count), "GreenMail received " + count + " copies");
        return smtp.getReceivedMessages();
    }

    private static String[] addresses(Address[] addresses) {
        return addresses == null ? new String[0]
                : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toArray(String[]::new);
    }

    @Test
    void mailsBothAlternativesInUtf8WithFromToCcSubjectAndHeaders() throws Exception {
        sink(config("cc", "audit@example.com")).send(notification("iam-changes", BODY));

        MimeMessage mail = received(3)[0]; // GreenMail stores one copy per recipient
        assertEquals("herald@example.com", ((InternetAddress) mail.getFrom()[0]).getAddress());
        assertEquals("Herald", ((InternetAddress) mail.getFrom()[0]).getPersonal());
        assertArrayEquals(new String[] {"secops@example.com", "oncall@example.com"},
                addresses(mail.getRecipients(Message.RecipientType.TO)));
        assertArrayEquals(new String[] {"audit@example.com"}, addresses(mail.getRecipients(Message.RecipientType.CC)));
        assertEquals("[Herald HIGH] CloudTrail CreateUser été", mail.getSubject());
        assertEquals("<0f3a9c5e7b21d4e6a8c0b2d4f6e8a1c3@herald>", mail.getMessageID());
        assertEquals("0f3a9c5e7b21d4e6a8c0b2d4f6e8a1c3", mail.getHeader(MailMessages.IDEMPOTENCY_KEY_HEADER, null));
        assertEquals("iam-changes", mail.getHeader("X-Herald-Route", null));
        assertEquals("high", mail.getHeader("X-Herald-Severity", null));

        assertTrue(mail.isMimeType("multipart/alternative"), mail.getContentType());
        Multipart parts = (Multipart) mail.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase().contains("charset=utf-8"));
        // MIME text travels with CRLF line ends
        assertEquals("Créé par <script>alert(1)</script>\r\nligne 2", parts.getBodyPart(0).getContent());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertEquals("<p>Créé par &lt;script&gt;</p>", parts.getBodyPart(1).getContent());
    }

    @Test
    void aRouteOverrideReplacesToAndCcForThatRouteOnly() throws Exception {
        MailSink sink = sink(config("cc", "audit@example.com",
                "route_to", "iam-changes=cloud-team@example.com, iam@example.com\nfirewall=netops@example.com",
                "route_cc", "iam-changes="));

        sink.send(notification("iam-changes", BODY));
        MimeMessage mail = received(2)[0];
        assertArrayEquals(new String[] {"cloud-team@example.com", "iam@example.com"},
                addresses(mail.getRecipients(Message.RecipientType.TO)));
        assertEquals(0, addresses(mail.getRecipients(Message.RecipientType.CC)).length);

        smtp.purgeEmailFromAllMailboxes();
        sink.send(notification("other-route", BODY));
        MimeMessage other = received(3)[0];
        assertArrayEquals(new String[] {"secops@example.com", "oncall@example.com"},
                addresses(other.getRecipients(Message.RecipientType.TO)));
        assertArrayEquals(new String[] {"audit@example.com"}, addresses(other.getRecipients(Message.RecipientType.CC)));
    }

    @Test
    void onlyTextMeansASinglePlainPart() throws Exception {
        sink(config()).send(notification("r", "{\"subject\":\"s\",\"text\":\"only text\"}"));

        MimeMessage mail = received(2)[0];
        assertTrue(mail.isMimeType("text/plain"), mail.getContentType());
        assertEquals("only text", mail.getContent());
    }

    @Test
    void logsInWithTheConfiguredCredentials() throws Exception {
        smtp.setUser("herald@example.com", "herald", "s3cret-pw");

        sink(config("username", "herald", "password", "s3cret-pw")).send(notification("r", BODY));

        assertEquals(2, received(2).length);
    }

    @Test
    void aWrongPasswordIsPermanentWithTheServersReplyAndWithoutThePassword() {
        smtp.setUser("herald@example.com", "herald", "s3cret-pw");

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(config("username", "herald", "password", "wrong-pw")).send(notification("r", BODY)));

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("refused the login of 'herald'"), e.getMessage());
        assertTrue(e.getMessage().contains("535"), "the server's reply: " + e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void aClosedPortIsRetryable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(configFor(closed, "none")).send(notification("r", BODY)));

        assertTrue(e.isRetryable(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot connect to SMTP server localhost:" + closed), e.getMessage());
    }

    @Test
    void starttlsIsRequiredWhenChosen() {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(configFor(smtp.getSmtp().getPort(), "starttls")).send(notification("r", BODY)));

        assertFalse(e.isRetryable(), e.getMessage());
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent in clear text");
    }

    @Test
    void aBodyThatIsNotTheExpectedJsonIsPermanent() {
        MailSink sink = sink(config());

        assertFalse(assertThrows(DeliveryException.class, () -> sink.send(notification("r", "not json")))
                .isRetryable());
        DeliveryException noSubject = assertThrows(DeliveryException.class,
                () -> sink.send(notification("r", "{\"text\":\"t\"}")));
        assertTrue(noSubject.getMessage().contains("no \"subject\""), noSubject.getMessage());
        DeliveryException noBody = assertThrows(DeliveryException.class,
                () -> sink.send(notification("r", "{\"subject\":\"s\",\"html\":\"  \"}")));
        assertTrue(noBody.getMessage().contains("neither \"text\" nor \"html\""), noBody.getMessage());
    }
}
