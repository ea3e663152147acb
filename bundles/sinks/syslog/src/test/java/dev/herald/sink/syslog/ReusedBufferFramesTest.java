package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sink formats into buffers it uses again for every message and batch; what goes on the
 * wire must be byte for byte what the formatter of before ({@link FramesBefore}) sent, for long,
 * unicode and odd events, in every header, framing and size, one batch after another through
 * the same buffers.
 */
class ReusedBufferFramesTest {
    private static final String[] PIECES = {"a", "Z", " ", "\"", "\\", "]", "[", "=", "\n", "\r", "\r\n", "\t", "\u0000",
        "é", "€", "\u2028", "\uD834\uDD1E", "\uD800", "\uDC00", "💥", "{\"k\":1}", "-", "x".repeat(700)};

    private static final List<Instant> TIMES = List.of(Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-12-02T06:14:27.123456789Z"), Instant.parse("2024-02-29T23:59:59.999Z"), Instant.EPOCH,
            Instant.parse("1969-12-31T23:59:59.001Z"), Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("-0001-06-15T12:30:00.5Z"));

    @Test
    void framesAreByteForByteThoseOfBefore() {
        List<Notification> events = events();
        for (MessageFormatter.Header header : MessageFormatter.Header.values()) {
            for (int maxSize : new int[] {480, 2048, 8192, 65507}) {
                for (Framing framing : Framing.values()) {
                    for (String msgid : new String[] {"", "FIXED"}) {
                        compare(events, header, maxSize, framing, msgid, ZoneOffset.UTC);
                    }
                }
            }
        }
        compare(events, MessageFormatter.Header.RFC3164, 2048, Framing.LF, "", ZoneId.of("America/Sao_Paulo"));
    }

    private static void compare(List<Notification> events, MessageFormatter.Header header, int maxSize, Framing framing,
                                String msgid, ZoneId zone) {
        boolean singleLine = framing == Framing.LF;
        FramesBefore before = new FramesBefore("siem", header, 16, "herald", "host-1", msgid, maxSize, singleLine, zone);
        MessageFormatter formatter = new MessageFormatter("siem", header, 16, "herald", "host-1", msgid, maxSize,
                singleLine, zone);
        Frames frames = new Frames(framing);
        Bytes message = new Bytes(16);
        // batches of varied sizes through the same buffers, as the sink sends them
        for (int from = 0, size = 1; from < events.size(); from += size, size = size % 37 + 1) {
            List<Notification> batch = events.subList(from, Math.min(events.size(), from + size));
            frames.clear();
            for (Notification n : batch) {
                message.clear(64 * 1024);
                formatter.format(n, message);
                frames.add(message);
            }
            String what = header + " " + framing + " max " + maxSize + " msgid '" + msgid + "', events " + from + "…";
            assertArrayEquals(before.frames(batch, framing == Framing.OCTET_COUNTING),
                    Arrays.copyOf(frames.array(), frames.length()), what);
            for (int i = 0; i < batch.size(); i++) {
                assertArrayEquals(before.format(batch.get(i)), Arrays.copyOfRange(frames.array(), frames.start(i),
                        frames.start(i) + frames.length(i)), what + " message " + i + " alone (a datagram)");
            }
        }
    }

    /** Named odd cases, then seeded random ones made of the pieces that broke formatters before. */
    private static List<Notification> events() {
        List<Notification> out = new ArrayList<>();
        out.add(notification("e1", "pce", "user.login_failed", "r1", "{\"a\":1}\n", TIMES.get(0), Severity.CRITICAL));
        out.add(notification("i".repeat(3000), "pce", "t", "r1", "body ".repeat(2000), TIMES.get(1), Severity.LOW));
        out.add(notification("id \"q\" \\ ]", "src]", "créé type with spaces", "route\"]", "\n\r\n", TIMES.get(2),
                Severity.HIGH));
        out.add(notification("e2", "s", "ThisEventTypeIsMuchLongerThan32Characters", "r", "€".repeat(30_000),
                TIMES.get(3), Severity.MEDIUM));
        out.add(notification("e3", "s", "\uD834\uDD1E\uD834\uDD1E", "r", "💥".repeat(5000) + "\uD800", TIMES.get(4),
                Severity.INFO));
        out.add(notification("line\nbreak", "s\r\n", "t", "r\r", "a\r\nb\rc\nd\n\r", TIMES.get(5), Severity.INFO));
        out.add(notification("e4", "s", "-", "r", "", TIMES.get(6), Severity.INFO));
        out.add(notification("e5", "s", "t", "r", "x", TIMES.get(7), Severity.INFO));
        out.add(notification("e6", "s", "t", "r", "x", TIMES.get(8), Severity.INFO));
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            out.add(notification(text(random, 6) + i, "s" + text(random, 2), "t" + text(random, 3), "r" + text(random, 2),
                    text(random, 12), TIMES.get(random.nextInt(TIMES.size())),
                    Severity.values()[random.nextInt(Severity.values().length)]));
        }
        return out;
    }

    private static String text(Random random, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(pieces + 1); i > 0; i--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static Notification notification(String id, String source, String type, String route, String body,
                                             Instant time, Severity severity) {
        Event event = Event.builder().id(id.isBlank() ? "id" + id : id).source(source.isBlank() ? "s" + source : source)
                .instance("prod").type(type).time(time).severity(severity).raw("{}").build();
        return new Notification(event, route, "siem", severity, body, 1, "k");
    }
}
