package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    /** What java.time's ISO parser makes of a text with a Z or +hh:mm zone; null when it refuses it. */
    private static Instant javaTime(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void plainUtcTimesReadTheSameAsJavaTimeReadsThem() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-03T09:10:00Z", "2026-11-03T09:10:00.1Z", "2026-11-03T09:10:00.123Z",
                "2026-11-03T09:10:00.123456789Z", "2026-11-03T09:10:00.000000001Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z",
                "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-03T24:00:00Z", "2026-11-03T23:60:00Z",
                "2026-11-03T23:59:60Z", "2026-11-03T09:10:00.Z", "2026-11-03T09:10:00.1234567890Z",
                "2026-11-03t09:10:00z", "2026-11-03T09:10Z", " 2026-11-03T09:10:00Z ", "2026-11-03T09:10:00+01:00",
                "2026-11-03 09:10:00Z", "2026-1a-03T09:10:00Z", "+2026-11-03T09:10:00Z", "2026-11-03T09:10:00,5Z",
                "２026-11-03T09:10:00Z", "2026-11-03T09:1０:00Z"));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
            int fraction = random.nextInt(11);
            if (fraction > 0) {
                t.append('.');
                for (int d = 1; d < fraction; d++) {
                    t.append((char) ('0' + random.nextInt(10)));
                }
            }
            texts.add(t.append('Z').toString());
        }
        for (String text : texts) {
            assertEquals(javaTime(text), Timestamps.parseIso(text), text);
        }
    }

    /** The text read last is remembered: a text read again, or after another, still gives its own instant. */
    @Test
    void aTextReadAgainGivesItsOwnInstant() {
        String a = "2026-11-03T00:00:00Z";
        String b = "2026-11-03T00:10:00.5+01:00";
        for (String text : List.of(a, a, b, b, a, "", "not a time", a, "2026-11-03T00:00:00", a)) {
            assertEquals(javaTime(text), Timestamps.parseIso(text), text);
        }
    }

    @Test
    void aTimestampOutsideTheYears0000To9999IsRefusedNamingFieldAndValue() throws Exception {
        JsonNode record = new ObjectMapper().readTree("{\"t\": \"+10000-01-01T00:00:00Z\", \"ok\": \"9999-12-31T23:59:59Z\"}");
        RecordException e = assertThrows(RecordException.class, () -> Timestamps.require(record, "t", "A flow"));
        assertEquals("A flow has t '+10000-01-01T00:00:00Z' out of range: expected a time between the years 0000 and 9999",
                e.getMessage());
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), Timestamps.require(record, "ok", "A flow"));
    }
}
