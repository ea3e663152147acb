package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps as vendors write them: ISO-8601 with a zone ({@code Z}, {@code +01:00}, and the
 * {@code +0100} and {@code +01} forms ASFF also allows, up to nine fraction digits), or, where a
 * format says so, epoch milliseconds. Only the years 0000 to 9999 are accepted: a time outside
 * them is a mistake in the record, and further out it would overflow the epoch milliseconds the
 * journal and the sinks compute. Public for record kinds ({@link RecordKind}) in plugin bundles:
 * their messages then read like every other kind's.
 */
public final class Timestamps {
    private static final Pattern SHORT_OFFSET = Pattern.compile("(.*[+-]\\d\\d)(\\d\\d)?$");
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final BigDecimal FIRST_MILLI = BigDecimal.valueOf(FIRST.toEpochMilli());
    private static final BigDecimal LAST_MILLI = BigDecimal.valueOf(LAST.toEpochMilli());
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final String RANGE = "expected a time between the years 0000 and 9999";
    /**
     * The text {@link #parseIso} read last and its instant. Records that follow each other mostly
     * share their time (flow summaries their interval's start, thousands of them; a busy account's
     * CloudTrail events their second): comparing the text is cheaper than reading it again. Shared
     * by every thread without a lock, as the record is immutable: a thread may see an older one, or none.
     */
    private static Parsed last;

    private Timestamps() {
    }

    /**
     * The field as an ISO-8601 instant.
     *
     * @param what the record kind, for the message: {@code ASFF finding}
     * @throws RecordException when it is missing or malformed
     */
    public static Instant require(JsonNode node, String field, String what) throws RecordException {
        return iso(node.get(field), field, what);
    }

    /** As {@link #require}, for a value already looked up; {@code label} names it. */
    public static Instant iso(JsonNode value, String label, String what) throws RecordException {
        String text = Fields.text(value);
        if (text == null) {
            throw new RecordException(value == null || value.isNull() || value.isValueNode()
                    ? what + " has no " + label + ": expected an ISO-8601 timestamp"
                    : what + " has " + Json.describe(value) + " as " + label + ": expected an ISO-8601 timestamp");
        }
        Instant instant = parseIso(text);
        if (instant == null) {
            throw new RecordException(what + " has malformed " + label + " '" + text + "': expected ISO-8601");
        }
        if (!within(instant)) {
            // the label is put together only for the message: this runs for every record
            throw outOfRange(label + " '" + text + "'", what);
        }
        return instant;
    }

    /**
     * The instant, unless it is outside the years 0000 to 9999.
     *
     * @param labelled the field and its value, for the message: {@code eventTime '+10000-01-01T00:00:00Z'}
     */
    public static Instant inRange(Instant instant, String labelled, String what) throws RecordException {
        if (!within(instant)) {
            throw outOfRange(labelled, what);
        }
        return instant;
    }

    private static boolean within(Instant instant) {
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }

    private static RecordException outOfRange(String labelled, String what) {
        return new RecordException(what + " has " + labelled + " out of range: " + RANGE);
    }

    /**
     * A number of epoch milliseconds, or of epoch seconds when {@code seconds}; a fraction is
     * dropped.
     *
     * @param labelled the field and its value, for the message: {@code time 1795330800}
     * @throws RecordException when it is outside the years 0000 to 9999
     */
    public static Instant epoch(BigDecimal number, boolean seconds, String labelled, String what) throws RecordException {
        BigDecimal millis = seconds ? number.multiply(THOUSAND) : number;
        if (millis.compareTo(FIRST_MILLI) < 0 || millis.compareTo(LAST_MILLI) > 0) {
            throw new RecordException(what + " has " + labelled + " out of range: " + RANGE
                    + " (epoch " + (seconds ? "seconds" : "milliseconds") + ")");
        }
        return seconds ? Instant.ofEpochSecond(number.longValue()) : Instant.ofEpochMilli(number.longValue());
    }

    /**
     * An ISO-8601 string or a number of epoch milliseconds (as OCSF's {@code time} fields are).
     */
    public static Instant isoOrEpochMillis(JsonNode value, String label, String what) throws RecordException {
        if (value != null && value.isIntegralNumber()) {
            return epoch(value.decimalValue(), false, label + " " + value, what);
        }
        return iso(value, label, what);
    }

    /** The instant, or null when the text is not ISO-8601 with a zone. */
    public static Instant parseIso(String text) {
        Parsed memo = last;
        if (memo != null && memo.text().equals(text)) {
            return memo.instant();
        }
        Instant instant = parse(text);
        if (instant != null) {
            last = new Parsed(text, instant);
        }
        return instant;
    }

    private static Instant parse(String text) {
        String trimmed = text.trim();
        Instant utc = plainUtc(trimmed);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            Matcher m = SHORT_OFFSET.matcher(trimmed);
            if (!m.matches()) {
                return null;
            }
            String withColon = m.group(1) + ":" + (m.group(2) == null ? "00" : m.group(2));
            try {
                return OffsetDateTime.parse(withColon, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * The form nearly every record has, {@code 2026-11-03T09:10:00.123Z}, read without java.time's
     * general parser (which costs as much as parsing the rest of a flow line); null for any other
     * form or an impossible date or time, which the general parser then reads or rejects, so the
     * outcome is the same either way.
     */
    private static Instant plainUtc(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 20 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        int nanos = fraction;
        for (int d = n > 20 ? n - 21 : 9; d < 9; d++) {
            nanos *= 10;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, n > 20 ? nanos : 0);
    }

    /** A text {@link #parseIso} read, and its instant. */
    private record Parsed(String text, Instant instant) {
    }

    /** The decimal number in {@code s[from, to)}, or -1 when it holds anything but ASCII digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
