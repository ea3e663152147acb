package dev.herald.sink.syslog;

import dev.herald.api.Notification;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message formatter as it was before messages were formatted into a reused buffer (one
 * String and one byte array per message, java.time's formatter for every time stamp), kept as
 * the reference the new one must match byte for byte; with the framing of that time.
 */
final class FramesBefore {
    private static final Logger LOG = LoggerFactory.getLogger(FramesBefore.class);
    /** Herald's SD-ID. 32473 is the private enterprise number RFC 5612 reserves for examples and documentation. */
    private static final String SD_ID = "herald@32473";
    private static final DateTimeFormatter RFC5424_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MSGID_MAX = 32;

    private final String sink;
    private final MessageFormatter.Header header;
    private final int facility;
    private final String appName;
    private final String hostname;
    private final String msgid;
    private final int maxSize;
    private final boolean singleLine;
    private final DateTimeFormatter rfc3164Time;
    private final AtomicBoolean truncationReported = new AtomicBoolean();

    /**
     * @param msgid      a fixed MSGID, or empty for each event's type
     * @param singleLine replace line breaks by spaces (LF framing: a line break would end the message)
     * @param zone       the zone of RFC 3164 time stamps, which carry none
     */
    FramesBefore(String sink, MessageFormatter.Header header, int facility, String appName, String hostname, String msgid,
                     int maxSize, boolean singleLine, ZoneId zone) {
        this.sink = sink;
        this.header = header;
        this.facility = facility;
        this.appName = appName;
        this.hostname = hostname;
        this.msgid = msgid;
        this.maxSize = maxSize;
        this.singleLine = singleLine;
        this.rfc3164Time = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH).withZone(zone);
    }

    /** The message's bytes (UTF-8), at most max_message_size long. */
    byte[] format(Notification n) {
        int pri = facility * 8 + SyslogSeverity.code(n.severity());
        String body = stripTrailingLineBreaks(n.body());
        String message = header == MessageFormatter.Header.RFC5424
                ? rfc5424Header(pri, n) + " " + body
                : "<" + pri + ">" + rfc3164Time.format(n.event().time()) + " " + hostname + " " + appName + ": " + body;
        if (singleLine) {
            message = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        }
        return truncate(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Everything before the body. Structured data that would not fit max_message_size is left
     * out (NILVALUE): cut, it would be unreadable, and so would the message. Without it the
     * header (host name ≤ 255, app name ≤ 48, MSGID ≤ 32) fits the smallest size allowed, 480.
     */
    private String rfc5424Header(int pri, Notification n) {
        String head = "<" + pri + ">1 " + RFC5424_TIME.format(n.event().time()) + " " + hostname + " " + appName
                + " - " + msgid(n) + " ";
        String withData = head + structuredData(n);
        return withData.getBytes(StandardCharsets.UTF_8).length < maxSize ? withData : head + "-";
    }

    private String msgid(Notification n) {
        if (!msgid.isEmpty()) {
            return msgid;
        }
        String id = printableAscii(n.event().type(), MSGID_MAX);
        return id.isEmpty() ? "-" : id;
    }

    private static String structuredData(Notification n) {
        return "[" + SD_ID + " id=\"" + sdValue(n.event().id()) + "\" source=\"" + sdValue(n.event().source())
                + "\" route=\"" + sdValue(n.route()) + "\" severity=\"" + n.severity().label() + "\"]";
    }

    /** An SD-PARAM value with {@code "}, {@code \} and {@code ]} escaped (RFC 5424 6.3.3). */
    static String sdValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** {@code value} with anything but printable US-ASCII (33–126) as {@code _}, cut to {@code max} characters. */
    static String printableAscii(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
        return out.toString();
    }

    private static String stripTrailingLineBreaks(String body) {
        int end = body.length();
        while (end > 0 && (body.charAt(end - 1) == '\n' || body.charAt(end - 1) == '\r')) {
            end--;
        }
        return body.substring(0, end);
    }

    /** The batch's frames on a stream, as the stream transport built them before. */
    byte[] frames(java.util.List<Notification> batch, boolean octetCounting) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Notification n : batch) {
            byte[] message = format(n);
            if (octetCounting) {
                out.writeBytes((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(message);
            } else {
                out.writeBytes(message);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** Cuts at {@code maxSize} bytes, backing off to the start of a UTF-8 character; says so once in the log. */
    private byte[] truncate(byte[] message) {
        if (message.length <= maxSize) {
            return message;
        }
        int end = maxSize;
        while (end > 0 && (message[end] & 0xC0) == 0x80) {
            end--;
        }
        if (truncationReported.compareAndSet(false, true)) {
            LOG.warn("syslog sink '{}': a message of {} bytes was cut to max_message_size ({} bytes); later cuts"
                    + " are not logged. Raise max_message_size if the receiver accepts more.", sink, message.length, maxSize);
        }
        return Arrays.copyOf(message, end);
    }
}
