package dev.herald.sink.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.LoggerFactory;

/**
 * One configured SMTP server: its Jakarta Mail session and credentials. Each send opens its own
 * connection, because relays close idle connections after a short while (and a reused one
 * fails half-way more often than a new one costs) and a sink sends a few mails a minute at most.
 * Callers set the thread context class loader (see MailSink).
 */
final class SmtpServer {
    private final Session session;
    private final String host;
    private final int port;
    private final Optional<Credentials> credentials;

    /** A login; its password is never part of a reason or a log line. */
    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    SmtpServer(String host, int port, Security security, Optional<Credentials> credentials,
               Optional<SSLSocketFactory> tls, boolean checkServerIdentity, String envelopeFrom,
               Duration connectTimeout, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(readTimeout.toMillis()));
        // without it a server that stops reading would block a write (the DATA of a large mail) forever
        p.put("mail.smtp.writetimeout", String.valueOf(readTimeout.toMillis()));
        p.put("mail.smtp.auth", String.valueOf(credentials.isPresent()));
        p.put("mail.smtp.starttls.enable", String.valueOf(security == Security.STARTTLS));
        p.put("mail.smtp.starttls.required", String.valueOf(security == Security.STARTTLS));
        p.put("mail.smtp.ssl.enable", String.valueOf(security == Security.SMTPS));
        p.put("mail.smtp.ssl.checkserveridentity", String.valueOf(checkServerIdentity));
        tls.ifPresent(factory -> p.put("mail.smtp.ssl.socketFactory", factory));
        this.session = Session.getInstance(p);
    }

    Session session() {
        return session;
    }

    String hostAndPort() {
        return host + ":" + port;
    }

    /** Sends {@code message} to its recipients and returns the server's last reply (e.g. "250 OK queued"). */
    String send(MimeMessage message) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect(host, port, credentials.map(Credentials::username).orElse(null),
                    credentials.map(Credentials::password).orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            return lastReply(transport);
        } finally {
            closeQuietly(transport);
        }
    }

    /** A failing QUIT changes nothing: the server has accepted the mail, or the failure is already reported. */
    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LoggerFactory.getLogger(SmtpServer.class).debug("closing the SMTP connection failed", e);
        }
    }

    private static String lastReply(Transport transport) {
        return transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp && smtp.getLastServerResponse() != null
                ? smtp.getLastServerResponse().strip() : "";
    }
}
