package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact bytes of a message, which rsyslog's parsed view does not show. */
class MessageFormatterTest {

    private static Notification notification(String type, Severity severity, Instant time) {
        Event event = Event.builder().id("e1").source("pce").instance("prod").type(type).time(time).build();
        return new Notification(event, "r1", "siem", severity, "body\n", 1, "k");
    }

    private static String format(MessageFormatter.Header header, Notification n) {
        return new String(new MessageFormatter("siem", header, 16, "herald", "host-1", "", 8192, false, ZoneOffset.UTC)
                .format(n), StandardCharsets.UTF_8);
    }

    @Test
    void rfc3164PadsTheDayAndHasNoStructuredData() {
        assertEquals("<131>Nov  2 07:05:09 host-1 herald: body",
                format(MessageFormatter.Header.RFC3164, notification("t", Severity.HIGH, Instant.parse("2026-11-02T07:05:09Z"))));
    }

    @Test
    void rfc5424WithMillisecondsInUtc() {
        assertEquals("<130>1 2026-11-22T10:00:00.000Z host-1 herald - user.login_failed [herald@32473 id=\"e1\""
                + " source=\"pce\" route=\"r1\" severity=\"critical\"] body",
                format(MessageFormatter.Header.RFC5424, notification("user.login_failed", Severity.CRITICAL,
                        Instant.parse("2026-11-22T10:00:00Z"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"user login failed|user_login_failed",
        "ThisEventTypeIsMuchLongerThan32Characters|ThisEventTypeIsMuchLongerThan32C", "créé|cr__"})
    void theMsgidIsTheEventTypeInPrintableAsciiCutTo32(String type, String msgid) {
        String message = format(MessageFormatter.Header.RFC5424, notification(type, Severity.INFO, Instant.EPOCH));
        assertEquals(msgid, message.split(" ")[5]);
    }

    /** Found by MessageFormatterFuzzTest: a long event id made max_message_size cut the message inside its structured data. */
    @Test
    void structuredDataThatDoesNotFitIsLeftOutNotCut() {
        Event event = Event.builder().id("i".repeat(3000)).source("pce").instance("prod").type("t")
                .time(Instant.parse("2026-11-22T10:00:00Z")).build();
        Notification n = new Notification(event, "r1", "siem", Severity.LOW, "body ".repeat(200), 1, "k");
        String message = new String(new MessageFormatter("siem", MessageFormatter.Header.RFC5424, 16, "herald", "host-1",
                "", 480, false, ZoneOffset.UTC).format(n), StandardCharsets.UTF_8);
        assertEquals(480, message.length());
        assertEquals("1 2026-11-22T10:00:00.000Z host-1 herald - t - body body",
                message.substring(message.indexOf('>') + 1, message.indexOf('>') + 57));
    }
}
