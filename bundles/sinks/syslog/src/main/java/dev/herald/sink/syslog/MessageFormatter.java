package dev.herald.sink.syslog;

import dev.herald.api.Notification;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a notification into one syslog message (without framing): the RFC 5424 or RFC 3164
 * header, Herald's structured data (RFC 5424 only) and the rendered body, cut to the largest
 * size the receiver takes. It writes into buffers it uses again for every message: a sink
 * draining an outbox formats every message it sends.
 */
final class MessageFormatter {
    private static final Logger LOG = LoggerFactory.getLogger(MessageFormatter.class);
    /** Herald's SD-ID. 32473 is the private enterprise number RFC 5612 reserves for examples and documentation. */
    static final String SD_ID = "herald@32473";
    private static final int MSGID_MAX = 32;
    /** The text buffer of a message is kept between messages up to this size. */
    private static final int KEEP_CHARS = 64 * 1024;

    /** The two header layouts. */
    enum Header { RFC5424, RFC3164 }

    private final String sink;
    private final Header header;
    private final int facility;
    private final String appName;
    private final String hostname;
    private final String msgid;
    private final int maxSize;
    private final boolean singleLine;
    private final DateTimeFormatter rfc3164Time;
    private final AtomicBoolean truncationReported = new AtomicBoolean();
    /** The message as text, before it is encoded: used again for every message. */
    private StringBuilder text = new StringBuilder(1024);

    /**
     * @param msgid      a fixed MSGID, or empty for each event's type
     * @param singleLine replace line breaks by spaces (LF framing: a line break would end the message)
     * @param zone       the zone of RFC 3164 time stamps, which carry none
     */
    MessageFormatter(String sink, Header header, int facility, String appName, String hostname, String msgid,
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
        Bytes out = new Bytes(256);
        format(n, out);
        return out.toByteArray();
    }

    /**
     * Appends the message to {@code out}: the same bytes as {@link #format(Notification)}, with the
     * header written through a text buffer used again for every message. Not for two threads at
     * once.
     */
    void format(Notification n, Bytes out) {
        int pri = facility * 8 + SyslogSeverity.code(n.severity());
        StringBuilder t = text;
        t.setLength(0);
        t.append('<').append(pri).append('>');
        if (header == Header.RFC5424) {
            rfc5424Header(t, n);
            t.append(' ');
        } else {
            t.append(rfc3164Time.format(n.event().time())).append(' ').append(hostname).append(' ').append(appName)
                    .append(": ");
        }
        int start = out.length();
        out.appendUtf8(t, singleLine);
        // the body, the bulk of the message, through the JDK's own encoder; line breaks are single
        // bytes in UTF-8, never part of another character's, so they are found in the bytes
        byte[] body = n.body().getBytes(StandardCharsets.UTF_8);
        int end = body.length;
        while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r')) {
            end--;
        }
        if (singleLine) {
            out.appendSingleLine(body, end);
        } else {
            out.append(body, 0, end);
        }
        truncate(out, start);
        if (t.capacity() > KEEP_CHARS) {
            text = new StringBuilder(256);
        }
    }

    /**
     * Everything before the body, after the PRI. Structured data that would not fit
     * max_message_size is left out (NILVALUE): cut, it would be unreadable, and so would the
     * message. Without it the header (host name ≤ 255, app name ≤ 48, MSGID ≤ 32) fits the
     * smallest size allowed, 480.
     */
    private void rfc5424Header(StringBuilder t, Notification n) {
        t.append("1 ");
        Rfc5424Time.append(t, n.event().time());
        t.append(' ').append(hostname).append(' ').append(appName).append(" - ");
        msgid(t, n);
        t.append(' ');
        int head = t.length();
        structuredData(t, n);
        // at most three bytes a character: only a header that long needs measuring
        if (t.length() * 3L >= maxSize && Bytes.utf8Length(t) >= maxSize) {
            t.setLength(head);
            t.append('-');
        }
    }

    private void msgid(StringBuilder t, Notification n) {
        if (!msgid.isEmpty()) {
            t.append(msgid);
            return;
        }
        int before = t.length();
        printableAscii(t, n.event().type(), MSGID_MAX);
        if (t.length() == before) {
            t.append('-');
        }
    }

    private static void structuredData(StringBuilder t, Notification n) {
        t.append('[').append(SD_ID).append(" id=\"");
        sdValue(t, n.event().id());
        t.append("\" source=\"");
        sdValue(t, n.event().source());
        t.append("\" route=\"");
        sdValue(t, n.route());
        t.append("\" severity=\"").append(n.severity().label()).append("\"]");
    }

    /** An SD-PARAM value with {@code "}, {@code \} and {@code ]} escaped (RFC 5424 6.3.3). */
    static String sdValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        sdValue(out, value);
        return out.toString();
    }

    private static void sdValue(StringBuilder out, String value) {
        // mostly there is nothing to escape: three searches (intrinsics) cost less than a loop over the characters
        if (value.indexOf('"') < 0 && value.indexOf('\\') < 0 && value.indexOf(']') < 0) {
            out.append(value);
            return;
        }
        // the runs between escaped characters are appended at once
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append(value, run, i).append('\\');
                run = i;
            }
        }
        out.append(value, run, value.length());
    }

    /** {@code value} with anything but printable US-ASCII (33–126) as {@code _}, cut to {@code max} characters. */
    static String printableAscii(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        printableAscii(out, value, max);
        return out.toString();
    }

    private static void printableAscii(StringBuilder out, String value, int max) {
        for (int i = 0; i < value.length() && i < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
    }

    /**
     * Cuts the message that starts at {@code start} at {@code maxSize} bytes, backing off to the
     * start of a UTF-8 character; says so once in the log.
     */
    private void truncate(Bytes out, int start) {
        int length = out.length() - start;
        if (length <= maxSize) {
            return;
        }
        int end = maxSize;
        while (end > 0 && (out.at(start + end) & 0xC0) == 0x80) {
            end--;
        }
        out.truncate(start + end);
        if (truncationReported.compareAndSet(false, true)) {
            LOG.warn("syslog sink '{}': a message of {} bytes was cut to max_message_size ({} bytes); later cuts"
                    + " are not logged. Raise max_message_size if the receiver accepts more.", sink, length, maxSize);
        }
    }
}
