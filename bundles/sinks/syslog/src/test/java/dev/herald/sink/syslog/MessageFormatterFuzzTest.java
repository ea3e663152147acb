package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any event id, source, type, route and body through {@link MessageFormatter}, in both header
 * layouts, with and without LF framing, at any size a receiver may set. What must hold: the
 * message is UTF-8 and fits {@code max_message_size}; with LF framing it is one line; its header
 * (and, in RFC 5424, Herald's structured data element) reads back as a strict receiver reads it,
 * never cut and never forged by the values it carries.
 */
class MessageFormatterFuzzTest {
    private static final Pattern RFC5424 = Pattern.compile("<(\\d{1,3})>1 (\\S+) host-1 herald - ([!-~]{1,32}) ");
    private static final Pattern RFC3164 = Pattern.compile("<(\\d{1,3})>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d host-1 herald: ");

    @FuzzTest(maxDuration = "30s")
    void everyMessageIsOneWellFormedSyslogMessage(FuzzedDataProvider data) throws Exception {
        boolean rfc5424 = data.consumeBoolean();
        boolean singleLine = data.consumeBoolean();
        int maxSize = data.consumeInt(480, 65507);
        Severity severity = data.pickValue(Severity.values());
        String id = "i" + data.consumeString(600);
        String source = "s" + data.consumeString(40);
        String type = "t" + data.consumeString(80);
        String route = "r" + data.consumeString(60);
        String body = data.consumeRemainingAsString();
        Event event = Event.builder().id(id).source(source).instance("prod").type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(severity).raw("{}").build();
        MessageFormatter formatter = new MessageFormatter("siem", rfc5424 ? MessageFormatter.Header.RFC5424
                : MessageFormatter.Header.RFC3164, 16, "herald", "host-1", "", maxSize, singleLine, ZoneOffset.UTC);

        byte[] bytes = formatter.format(new Notification(event, route, "siem", severity, body, 1, "k"));

        assertTrue(bytes.length <= maxSize, "at most max_message_size bytes");
        String message = strictUtf8(bytes);
        if (singleLine) {
            assertTrue(message.indexOf('\n') < 0 && message.indexOf('\r') < 0, "one line: " + message);
        }
        Matcher header = (rfc5424 ? RFC5424 : RFC3164).matcher(message);
        assertTrue(header.lookingAt(), "a strict receiver reads the header: " + message);
        assertEquals(16 * 8 + SyslogSeverity.code(severity), Integer.parseInt(header.group(1)));
        if (rfc5424) {
            List<String> sd = structuredData(message, header.end());
            if (!sd.isEmpty()) {
                assertEquals(List.of("id", sent(id, singleLine), "source", sent(source, singleLine), "route",
                        sent(route, singleLine), "severity", severity.label()), sd, "the structured data as sent");
            }
        }
    }

    /**
     * Herald's SD-ELEMENT at {@code at} read as RFC 5424 6.3 says (names and unescaped values in
     * turn), or nothing for the NILVALUE; fails on anything else.
     */
    private static List<String> structuredData(String message, int at) {
        List<String> out = new ArrayList<>();
        if (message.startsWith("-", at)) {
            assertTrue(message.length() == at + 1 || message.charAt(at + 1) == ' ', "NILVALUE, then the body");
            return out;
        }
        String id = "[herald@32473";
        assertTrue(message.startsWith(id, at), "an SD-ELEMENT: " + message);
        int i = at + id.length();
        while (message.charAt(i) == ' ') {
            int eq = message.indexOf("=\"", i);
            assertTrue(eq > i, "an SD-PARAM: " + message);
            out.add(message.substring(i + 1, eq));
            StringBuilder value = new StringBuilder();
            for (i = eq + 2; message.charAt(i) != '"'; i++) {
                char c = message.charAt(i);
                assertTrue(c != ']', "an unescaped ] in a value: " + message);
                if (c == '\\') {
                    c = message.charAt(++i);
                    assertTrue(c == '"' || c == '\\' || c == ']', "only \\\" \\\\ \\] are escaped: " + message);
                }
                value.append(c);
            }
            out.add(value.toString());
            i++;
        }
        assertEquals(']', message.charAt(i), "the SD-ELEMENT ends: " + message);
        return out;
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The text as it goes out: an unpaired surrogate becomes ?, with LF framing a line break a space. */
    private static String sent(String text, boolean singleLine) {
        String utf8 = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return singleLine ? utf8.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ') : utf8;
    }

}
