package dev.herald.sink.mail;

import dev.herald.api.Notification;
import dev.herald.api.text.Text;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.regex.Pattern;

/** Builds the MIME message of one notification: UTF-8, text and HTML as multipart/alternative. */
final class MailMessages {
    /** The idempotency key header: lets a mailbox rule or a human spot a retried delivery. */
    static final String IDEMPOTENCY_KEY_HEADER = "X-Herald-Idempotency-Key";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final Pattern MESSAGE_ID_SAFE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final Session session;
    private final InternetAddress from;
    private final Recipients recipients;

    MailMessages(Session session, InternetAddress from, Recipients recipients) {
        this.session = session;
        this.from = from;
        this.recipients = recipients;
    }

    MimeMessage build(Notification notification, MailBody body) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, messageId(notification.idempotencyKey()));
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, recipients.to(notification.route()).toArray(InternetAddress[]::new));
        message.setRecipients(Message.RecipientType.CC, recipients.cc(notification.route()).toArray(InternetAddress[]::new));
        message.setSubject(body.subject(), UTF_8);
        message.setSentDate(new Date());
        message.setHeader(IDEMPOTENCY_KEY_HEADER, encode(notification.idempotencyKey()));
        message.setHeader("X-Herald-Route", encode(notification.route()));
        message.setHeader("X-Herald-Severity", notification.severity().label());
        if (body.text().isPresent() && body.html().isPresent()) {
            // alternatives go from the plainest to the richest: clients show the last one they can
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(part(body.text().get(), "plain"));
            alternatives.addBodyPart(part(body.html().get(), "html"));
            message.setContent(alternatives);
        } else if (body.text().isPresent()) {
            message.setText(body.text().get(), UTF_8, "plain");
        } else {
            message.setText(body.html().orElseThrow(), UTF_8, "html");
        }
        message.saveChanges();
        return message;
    }

    /** {@code <key@herald>}: the same for every attempt, so a retried mail is recognisable as one. */
    static String messageId(String idempotencyKey) {
        String local = MESSAGE_ID_SAFE.matcher(idempotencyKey).matches() ? idempotencyKey : Text.sha256Hex(idempotencyKey);
        return "<" + local + "@herald>";
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        return part;
    }

    private static String encode(String value) {
        try {
            return MimeUtility.fold(0, MimeUtility.encodeText(value.replaceAll("\\R", " "), UTF_8, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("the JVM has no UTF-8", e);
        }
    }

    /** A message whose Message-ID the sink chooses instead of a fresh random one at every save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
