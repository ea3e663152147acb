package dev.herald.sink.syslog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An RFC 5424 TIMESTAMP in UTC with milliseconds ({@code 2026-11-22T10:00:00.000Z}), written
 * digit by digit: java.time's general formatter took a tenth of a message's cost. Years outside
 * 1–9999 (which such a pattern writes with a sign or an era) go through that formatter.
 */
final class Rfc5424Time {
    static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Rfc5424Time() {
    }

    static void append(StringBuilder out, Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            out.append(FORMAT.format(time));
            return;
        }
        digits(out, t.getYear(), 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2).append('.');
        digits(out, t.getNano() / 1_000_000, 3).append('Z');
    }

    /** {@code value} (not negative) with leading zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int scale = width == 4 ? 1000 : width == 3 ? 100 : 10; scale > 0; scale /= 10) {
            out.append((char) ('0' + value / scale % 10));
        }
        return out;
    }
}
