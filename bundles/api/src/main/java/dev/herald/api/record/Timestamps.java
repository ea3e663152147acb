package dev.herald.api.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps as vendors write them: ISO-8601 with a zone ({@code Z}, {@code +01:00}, and the
 * {@code +0100} and {@code +01} forms ASFF also allows, up to nine fraction digits), or, where a
 * format says so, epoch milliseconds. Only the years 0000 to 9999 are accepted: a time outside
 * them is a mistake in the record, and further out it would overflow the epoch milliseconds the
 * journal and the sinks compute.
 */
final class Timestamps {
    private static final Pattern SHORT_OFFSET = Pattern.compile("(.*[+-]\\d\\d)(\\d\\d)?$");
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final BigDecimal FIRST_MILLI = BigDecimal.valueOf(FIRST.toEpochMilli());
    private static final BigDecimal LAST_MILLI = BigDecimal.valueOf(LAST.toEpochMilli());
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final String RANGE = "expected a time between the years 0000 and 9999";

    private Timestamps() {
    }

    /**
     * The field as an ISO-8601 instant.
     *
     * @param what the record kind, for the message: {@code ASFF finding}
     * @throws RecordException when it is missing or malformed
     */
    static Instant require(JsonNode node, String field, String what) throws RecordException {
        return iso(node.get(field), field, what);
    }

    /** As {@link #require}, for a value already looked up; {@code label} names it. */
    static Instant iso(JsonNode value, String label, String what) throws RecordException {
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
        return inRange(instant, label + " '" + text + "'", what);
    }

    /**
     * The instant, unless it is outside the years 0000 to 9999.
     *
     * @param labelled the field and its value, for the message: {@code eventTime '+10000-01-01T00:00:00Z'}
     */
    static Instant inRange(Instant instant, String labelled, String what) throws RecordException {
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new RecordException(what + " has " + labelled + " out of range: " + RANGE);
        }
        return instant;
    }

    /**
     * A number of epoch milliseconds, or of epoch seconds when {@code seconds}; a fraction is
     * dropped.
     *
     * @param labelled the field and its value, for the message: {@code time 1795330800}
     * @throws RecordException when it is outside the years 0000 to 9999
     */
    static Instant epoch(BigDecimal number, boolean seconds, String labelled, String what) throws RecordException {
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
    static Instant isoOrEpochMillis(JsonNode value, String label, String what) throws RecordException {
        if (value != null && value.isIntegralNumber()) {
            return epoch(value.decimalValue(), false, label + " " + value, what);
        }
        return iso(value, label, what);
    }

    /** The instant, or null when the text is not ISO-8601 with a zone. */
    static Instant parseIso(String text) {
        String trimmed = text.trim();
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
}
