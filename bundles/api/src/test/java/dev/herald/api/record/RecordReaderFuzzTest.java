package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Any bytes, plain or gzipped (whole or cut short), through {@link RecordReader} and {@link
 * RecordRecognizer} as a source reads them. The layout is whatever the bytes look like, so the
 * corpus under {@code RecordReaderFuzzTestInputs/} seeds every layout: JSON Lines, documents, an
 * array, CloudTrail {@code Records}.
 *
 * <p>What must hold: reading ends (an {@link EOFException} or {@link ZipException} only for a cut
 * gzip); entry numbers increase; a parsed entry's text is exactly its JSON; a malformed one says
 * why; an entry resumed with {@link RecordReader#skipThrough(long)} is the same entry; and an
 * entry becomes events or a {@link RecordException} whose reason a mapper wrote, never one that
 * only wraps an exception no mapper foresaw.
 */
class RecordReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordRecognizer RECOGNIZER = RecordKinds.of().recognizer();

    @FuzzTest(maxDuration = "30s")
    void anyInputIsReadRecordByRecord(FuzzedDataProvider data) throws IOException {
        int mode = data.consumeInt(0, 2);
        int maxRecordBytes = data.consumeInt(64, 4096);
        int resumeAfter = data.consumeInt(0, 8);
        byte[] input = data.consumeRemainingAsBytes();
        byte[] stored = mode == 0 ? input : gzip(input, mode == 2);

        List<RecordEntry> entries = read(stored, mode != 0, mode == 2, maxRecordBytes, 0);
        long previous = 0;
        for (RecordEntry entry : entries) {
            assertTrue(entry.number() > previous, () -> "numbers must increase: " + entries);
            previous = entry.number();
            assertNotNull(entry.text());
            if (entry instanceof RecordEntry.Parsed parsed) {
                assertEquals(JSON.readTree(parsed.text()), parsed.json(), "a parsed entry's text is its JSON");
                assertTrue(parsed.text().getBytes(StandardCharsets.UTF_8).length <= maxRecordBytes,
                        "a parsed entry is within the cap");
            } else {
                String reason = ((RecordEntry.Malformed) entry).reason();
                assertFalse(reason == null || reason.isBlank(), "a malformed entry says why");
            }
            recognise(entry);
        }

        if (resumeAfter > 0 && resumeAfter < entries.size()) {
            List<RecordEntry> resumed = read(stored, mode != 0, mode == 2, maxRecordBytes,
                    entries.get(resumeAfter - 1).number());
            assertEquals(describe(entries.subList(resumeAfter, entries.size())), describe(resumed),
                    "resuming after entry " + resumeAfter + " reads the same entries");
        }
    }

    private static void recognise(RecordEntry entry) {
        try {
            for (Event event : RECOGNIZER.events(entry, "fuzz", "fuzz.json:" + entry.number())) {
                assertNotNull(event.id(), "id");
                assertNotNull(event.type(), "type");
                assertNotNull(event.time(), "time");
                assertNotNull(event.severity(), "severity");
            }
        } catch (RecordException e) {
            if (e.getCause() instanceof RuntimeException unforeseen) {
                fail("no mapper foresaw this record (" + e.getMessage() + "): " + entry.text(), unforeseen);
            }
        }
    }

    /** Every entry, skipping those up to {@code skipThrough}; a cut gzip may end the reading. */
    private static List<RecordEntry> read(byte[] stored, boolean gzipped, boolean cut, int maxRecordBytes,
                                          long skipThrough) throws IOException {
        List<RecordEntry> entries = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(stored);
        try {
            if (gzipped) {
                in = new GZIPInputStream(in);
            }
            try (RecordReader reader = RecordReader.open(in, maxRecordBytes)) {
                reader.skipThrough(skipThrough);
                for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                    entries.add(e);
                }
            }
        } catch (EOFException | ZipException e) {
            if (!cut) {
                throw e;
            }
        }
        return entries;
    }

    private static byte[] gzip(byte[] input, boolean cut) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(input);
        }
        byte[] whole = out.toByteArray();
        return cut ? Arrays.copyOf(whole, whole.length / 2 + 1) : whole;
    }

    private static List<String> describe(List<RecordEntry> entries) {
        return entries.stream().map(e -> e.getClass().getSimpleName() + " " + e.number() + " " + e.text()).toList();
    }
}
