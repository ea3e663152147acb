package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLinesReportAMalformedLineAndReadOnWithLineNumbersThatCountBlankLines() throws IOException {
        String input = "{\"a\":1}\n\n{\"b\": \"two\"}\r\n{\"c\": tru\n   \n{\"d\":4} {\"e\":5}\n{\"f\":[6]}";

        List<RecordEntry> entries = readAll(input);

        assertEquals(5, entries.size(), entries.toString());
        assertParsed(entries.get(0), 1, "{\"a\":1}");
        assertParsed(entries.get(1), 3, "{\"b\": \"two\"}");
        RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, entries.get(2));
        assertEquals(4, bad.number());
        assertEquals("{\"c\": tru", bad.text());
        assertTrue(bad.reason().startsWith("not JSON: ") && bad.reason().contains("column"), bad.reason());
        RecordEntry.Malformed twoOnOneLine = assertInstanceOf(RecordEntry.Malformed.class, entries.get(3));
        assertEquals(6, twoOnOneLine.number());
        assertParsed(entries.get(4), 7, "{\"f\":[6]}");
    }

    @Test
    void aCloudTrailFileYieldsEachRecordWithItsExactText() throws IOException {
        byte[] file = fixture("cloudtrail-123456789012.json");
        List<String> expected = Arrays.stream(new String(file, StandardCharsets.UTF_8).split("\n"))
                .filter(l -> l.startsWith("{\"eventVersion\""))
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l)
                .toList();

        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(file))) {
            assertEquals(RecordLayout.CLOUDTRAIL_RECORDS, reader.layout());
            List<RecordEntry> entries = drain(reader);
            assertEquals(10, entries.size());
            for (int i = 0; i < entries.size(); i++) {
                assertParsed(entries.get(i), i + 1, expected.get(i));
            }
        }
    }

    @Test
    void aLargeSingleLineCloudTrailFileIsStreamedAndCutExactlyEvenWithEscapesAndUnicode() throws IOException {
        List<String> records = IntStream.range(0, 3000).mapToObj(i -> "{\"eventID\":\"id-" + i
                + "\",\"eventName\":\"PutObject\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"userAgent\":\"caf\u00e9 \\\"quoted\\\" \\\\ \\u00e9 \u4e2d\u6587 \ud83d\ude00\","
                + "\"requestParameters\":{\"key\":\"reports/" + i + ".csv\",\"tags\":[1,2.5,null,true]}}")
                .toList();
        byte[] file = ("{\"Records\":[" + String.join(",", records) + "],\"digest\":{\"x\":[1]}}")
                .getBytes(StandardCharsets.UTF_8);
        CountingStream counting = new CountingStream(new ByteArrayInputStream(file));

        try (RecordReader reader = RecordReader.open(counting)) {
            assertEquals(RecordLayout.CLOUDTRAIL_RECORDS, reader.layout());
            assertParsed(reader.next(), 1, records.get(0));
            assertTrue(counting.count < file.length / 2, "read " + counting.count + " of " + file.length
                    + " bytes for the first record: the array must be streamed");
            List<RecordEntry> rest = drain(reader);
            assertEquals(2999, rest.size());
            for (int i = 0; i < rest.size(); i++) {
                assertParsed(rest.get(i), i + 2, records.get(i + 1));
            }
        }
    }

    @Test
    void aJsonArrayYieldsItsElements() throws IOException {
        String input = "[\n  {\"id\": 1},\n  {\"id\": 2, \"nested\": {\"list\": [1, 2]}}\n]\n";

        try (RecordReader reader = open(input)) {
            assertEquals(RecordLayout.JSON_ARRAY, reader.layout());
            List<RecordEntry> entries = drain(reader);
            assertEquals(2, entries.size());
            assertParsed(entries.get(0), 1, "{\"id\": 1}");
            assertParsed(entries.get(1), 2, "{\"id\": 2, \"nested\": {\"list\": [1, 2]}}");
        }
    }

    @Test
    void aPrettyPrintedEventBridgeEventIsOneRecordWithTheWholeText() throws IOException {
        byte[] file = fixture("securityhub-findings.json");

        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(file))) {
            assertEquals(RecordLayout.JSON_DOCUMENT, reader.layout());
            List<RecordEntry> entries = drain(reader);
            assertEquals(1, entries.size());
            assertParsed(entries.get(0), 1, new String(file, StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    void prettyPrintedDocumentsOneAfterTheOtherAreEachARecord() throws IOException {
        String first = "{\n  \"id\": \"a\",\n  \"Records\": 3\n}";
        String second = "{\n  \"id\": \"b\"\n}";

        try (RecordReader reader = open(first + "\n" + second + "\n")) {
            assertEquals(RecordLayout.JSON_DOCUMENT, reader.layout());
            List<RecordEntry> entries = drain(reader);
            assertEquals(2, entries.size());
            assertParsed(entries.get(0), 1, first);
            assertParsed(entries.get(1), 2, second);
        }
    }

    @Test
    void aSyntaxErrorInsideAnArrayIsTheLastEntry() throws IOException {
        try (RecordReader reader = open("[{\"a\":1},\n {\"b\": [1, 2}, {\"c\":3}]")) {
            assertParsed(reader.next(), 1, "{\"a\":1}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(2, bad.number());
            assertTrue(bad.text().startsWith("{\"b\": [1, 2}"), bad.text());
            assertTrue(bad.reason().contains("line 2") && bad.reason().endsWith("the rest of the input cannot be read"),
                    bad.reason());
            assertNull(reader.next());
        }
    }

    @Test
    void aCloudTrailFileCutShortEndsWithAMalformedEntry() throws IOException {
        try (RecordReader reader = open("{\"Records\":[{\"eventID\":\"1\"},{\"eventID\":\"2\",\"even")) {
            assertParsed(reader.next(), 1, "{\"eventID\":\"1\"}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(2, bad.number());
            assertTrue(bad.reason().contains("end-of-input"), bad.reason());
            assertNull(reader.next());
        }
    }

    @Test
    void skipThroughMovesPastLinesAndRecordsAlreadyRead() throws IOException {
        try (RecordReader reader = open("{\"n\":1}\n{\"n\":2}\n\n{\"n\":4}\n{\"n\":5}\n")) {
            reader.skipThrough(3);
            assertParsed(reader.next(), 4, "{\"n\":4}");
        }
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(fixture("cloudtrail-123456789012.json")))) {
            reader.skipThrough(6);
            RecordEntry seventh = reader.next();
            assertEquals(7, seventh.number());
            assertEquals("AuthorizeSecurityGroupIngress",
                    ((RecordEntry.Parsed) seventh).json().path("eventName").asText());
            assertEquals(3, drain(reader).size());
        }
        try (RecordReader reader = open("[1,2]")) {
            reader.skipThrough(5);
            assertNull(reader.next());
        }
    }

    @Test
    void aByteOrderMarkIsIgnoredAndEmptyInputHasNoRecords() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(json, 0, both, 3, json.length);
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(both))) {
            assertParsed(reader.next(), 1, "{\"a\":1}");
        }
        assertTrue(readAll("").isEmpty());
        assertTrue(readAll(" \n\n\t\n").isEmpty());
    }

    /**
     * JSON Lines are parsed from their bytes: every line gives the tree, or the reason with the
     * column in characters, that parsing its text gives, whatever characters it holds.
     */
    @Test
    void jsonLinesGiveWhatParsingTheirTextGives() throws IOException {
        List<String> lines = List.of(
                "{\"pad\":\"" + "x".repeat(70_000) + "\"}", // NUL bytes further on are not taken for binary input
                "{\"name\":\"Zoë 東京\",\"emoji\":\"\uD83D\uDE00 😀\",\"ключ\":[1,2.50,-3e7,12345678901234567890123]}",
                "{\"esc\":\"a\\\"b\\u00e9\\n\",\"東\":{\"京\":null,\"t\":true}}",
                "\uFEFF{\"after\":\"a byte-order mark that starts a later line\"}",
                "\u0000{\"a\":1}",
                "{\"a\":\"x\u0000y\"}",
                "{\"名前\": tru}",
                "{\"é\":1} {\"b\":2}",
                "[\"é\", ]",
                "\"東京\"",
                "{\"a\":1",
                "{\"ü\":\"unterminated}");

        List<RecordEntry> entries = readAll(String.join("\n", lines));

        assertEquals(lines.size(), entries.size(), entries.toString());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            RecordEntry entry = entries.get(i);
            assertEquals(line, entry.text());
            try {
                assertEquals(Json.WHOLE.readTree(line), assertInstanceOf(RecordEntry.Parsed.class, entry, line).json());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                assertEquals(Json.problem(e, false), assertInstanceOf(RecordEntry.Malformed.class, entry, line).reason());
            }
        }
    }

    @Test
    void textThatIsNotJsonIsReportedLineByLine() throws IOException {
        List<RecordEntry> entries = readAll("<html>\nnot json either\n");
        assertEquals(2, entries.size());
        assertTrue(entries.stream().allMatch(e -> e instanceof RecordEntry.Malformed));
    }

    @Test
    void aFirstLineLongerThanTheDetectionWindowIsStillJsonLines() throws IOException {
        String longLine = "{\"blob\":\"" + "x".repeat(100_000) + "\"}";
        try (RecordReader reader = open(longLine + "\n{\"n\":2}\n")) {
            assertEquals(RecordLayout.JSON_LINES, reader.layout());
            assertParsed(reader.next(), 1, longLine);
            assertParsed(reader.next(), 2, "{\"n\":2}");
        }
    }

    @Test
    void aTruncatedGzipThrowsEofAfterTheCompleteRecords() throws IOException {
        String lines = IntStream.range(0, 20_000).mapToObj(i -> "{\"n\":" + i + ",\"pad\":\"" + Integer.toHexString(i * 7919) + "\"}")
                .collect(Collectors.joining("\n"));
        byte[] gz = gzip(lines.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        List<RecordEntry> read = new ArrayList<>();

        assertThrows(EOFException.class, () -> {
            try (RecordReader reader = RecordReader.open(new GZIPInputStream(new ByteArrayInputStream(truncated)))) {
                for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                    read.add(e);
                }
            }
        });
        assertTrue(read.size() > 100, "records before the truncation are returned: " + read.size());
        assertTrue(read.stream().allMatch(e -> e instanceof RecordEntry.Parsed), "no partial record");
    }

    @Test
    void aLineLongerThanTheCapIsSkippedWhileStreamingAndReportedWithItsSize() throws IOException {
        String big = "{\"blob\":\"" + "x".repeat(5000) + "\"}";
        try (RecordReader reader = RecordReader.open(stream(big + "\n{\"n\":2}\r\n" + big + "\r{\"n\":4}"), 1024)) {
            RecordEntry.Malformed tooLarge = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(1, tooLarge.number());
            assertTrue(tooLarge.reason().startsWith("too large (5011 bytes)"), tooLarge.reason());
            assertTrue(tooLarge.reason().contains("max_record_bytes = 1024"), tooLarge.reason());
            assertEquals(big.substring(0, 1024), tooLarge.text(), "the record's beginning, for the quarantine");
            assertParsed(reader.next(), 2, "{\"n\":2}");
            assertEquals(3, assertInstanceOf(RecordEntry.Malformed.class, reader.next()).number());
            assertParsed(reader.next(), 4, "{\"n\":4}");
            assertNull(reader.next());
        }
    }

    @Test
    void recordsLongerThanTheCapInTheOtherLayoutsAreSkippedAndReportedWithTheirSize() throws IOException {
        String big = "{\"eventID\":\"2\",\"blob\":\"" + "x".repeat(100_000) + "\",\"list\":[{\"a\":[1,2]}]}";
        for (String input : List.of("{\"Records\":[{\"eventID\":\"1\"}," + big + ",{\"eventID\":\"3\"}]}",
                "[{\"eventID\":\"1\"},\n" + big + ",\n{\"eventID\":\"3\"}]",
                "{\n\"eventID\":\"1\"\n}\n" + big + "\n{\n\"eventID\":\"3\"\n}\n")) {
            try (RecordReader reader = RecordReader.open(stream(input), 1024)) {
                assertEquals(1, assertInstanceOf(RecordEntry.Parsed.class, reader.next()).number(), input.substring(0, 12));
                RecordEntry.Malformed tooLarge = assertInstanceOf(RecordEntry.Malformed.class, reader.next(),
                        input.substring(0, 12));
                assertEquals(2, tooLarge.number());
                assertTrue(tooLarge.reason().startsWith("too large (" + big.length() + " bytes)"), tooLarge.reason());
                assertTrue(tooLarge.text().startsWith("{\"eventID\":\"2\",\"blob\":\"xxx"), tooLarge.text().substring(0, 30));
                RecordEntry.Parsed last = assertInstanceOf(RecordEntry.Parsed.class, reader.next(), input.substring(0, 12));
                assertEquals(3, last.number());
                assertEquals("3", last.json().path("eventID").asText());
                assertNull(reader.next());
            }
        }
    }

    @Test
    void invalidUtf8IsReportedNeverReplacedAndTheNextRecordsStillCome() throws IOException {
        byte[] lines = bytes("{\"a\":\"caf", 0xC3, "\"}\n{\"n\":2}\n");
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(lines))) {
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(1, bad.number());
            assertTrue(bad.reason().startsWith("not UTF-8: "), bad.reason());
            assertParsed(reader.next(), 2, "{\"n\":2}");
        }
        byte[] trail = bytes("{\"Records\":[{\"eventID\":\"1\"},{\"eventID\":\"", 0xFF, 0xFE, "\"},{\"eventID\":\"3\"}]}");
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(trail))) {
            assertParsed(reader.next(), 1, "{\"eventID\":\"1\"}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(2, bad.number());
            assertTrue(bad.reason().contains("UTF-8"), bad.reason());
            assertParsed(reader.next(), 3, "{\"eventID\":\"3\"}");
            assertNull(reader.next());
        }
    }

    @Test
    void twoCloudTrailRecordsWithoutTheCommaBetweenThemLoseNoOtherRecord() throws IOException {
        String input = "{\"Records\":[{\"eventID\":\"1\"},{\"eventID\":\"2\"}{\"eventID\":\"3\"},{\"eventID\":\"4\"}],"
                + "\"x\":1}";
        try (RecordReader reader = open(input)) {
            assertParsed(reader.next(), 1, "{\"eventID\":\"1\"}");
            assertParsed(reader.next(), 2, "{\"eventID\":\"2\"}");
            RecordEntry.Malformed gap = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(3, gap.number());
            assertTrue(gap.reason().contains("comma") && gap.reason().contains("skipped 0 bytes"), gap.reason());
            assertParsed(reader.next(), 4, "{\"eventID\":\"3\"}");
            assertParsed(reader.next(), 5, "{\"eventID\":\"4\"}");
            assertNull(reader.next());
        }
        try (RecordReader reader = open(input)) {
            reader.skipThrough(3);
            assertParsed(reader.next(), 4, "{\"eventID\":\"3\"}");
        }
    }

    @Test
    void aBrokenRecordInAnArrayOrAmongDocumentsIsSkippedUpToTheNextRecord() throws IOException {
        try (RecordReader reader = open("[{\"a\":1}, {\"b\": tru, \"s\": \"}{\"}, {\"c\":3}]")) {
            assertParsed(reader.next(), 1, "{\"a\":1}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertEquals(2, bad.number());
            assertTrue(bad.text().startsWith("{\"b\": tru"), bad.text());
            assertTrue(bad.reason().startsWith("not JSON: ") && bad.reason().contains("skipped 23 bytes"), bad.reason());
            assertParsed(reader.next(), 3, "{\"c\":3}");
            assertNull(reader.next());
        }
        try (RecordReader reader = open("{\n  \"a\": 1\n}\n{\n  \"b\": [1, 2}\n}\n{\n  \"c\": 3\n}\n")) {
            assertEquals(RecordLayout.JSON_DOCUMENT, reader.layout());
            assertParsed(reader.next(), 1, "{\n  \"a\": 1\n}");
            assertEquals(2, assertInstanceOf(RecordEntry.Malformed.class, reader.next()).number());
            assertParsed(reader.next(), 3, "{\n  \"c\": 3\n}");
            assertNull(reader.next());
        }
    }

    @Test
    void aBrokenRecordLongerThanTheCapIsReportedWithoutAnException() throws IOException {
        String blob = "x".repeat(200_000);
        try (RecordReader reader = RecordReader.open(stream("{\"Records\":[{\"a\":1},{\"b\":\"" + blob + "\" oops},"
                + "{\"c\":3}]}"), 1024)) {
            assertParsed(reader.next(), 1, "{\"a\":1}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertTrue(bad.reason().endsWith("the rest of the input cannot be read"), bad.reason());
            assertTrue(bad.text().startsWith("{\"b\":\"xxx"), bad.text().substring(0, 10));
            assertNull(reader.next());
        }
        try (RecordReader reader = RecordReader.open(stream("{\n\"a\":1\n}\n{\n\"b\":\"" + blob + "\" oops\n}\n"
                + "{\n\"c\":3\n}\n"), 1024)) {
            assertParsed(reader.next(), 1, "{\n\"a\":1\n}");
            RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class, reader.next());
            assertTrue(bad.reason().contains("reading goes on with the next record"), bad.reason());
            assertParsed(reader.next(), 3, "{\n\"c\":3\n}");
        }
    }

    @Test
    void deepNestingIsAProblemOfThatRecordOnly() throws IOException {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        for (String input : List.of("{\"d\":" + deep + "}\n{\"n\":2}\n", "[{\"n\":1}," + deep + ",{\"n\":3}]",
                "{\"Records\":[{\"n\":1},{\"d\":" + deep + "},{\"n\":3}]}")) {
            try (RecordReader reader = open(input)) {
                List<RecordEntry> entries = drain(reader);
                RecordEntry.Malformed bad = assertInstanceOf(RecordEntry.Malformed.class,
                        entries.get(entries.size() - 2), input.substring(0, 20));
                assertTrue(bad.reason().contains("nesting depth"), bad.reason());
                assertEquals(input.startsWith("{\"d\"") ? 2 : 3, entries.get(entries.size() - 1).number());
            }
        }
    }

    @Test
    void binaryInputIsOneMalformedEntryNotOnePerLine() throws IOException {
        byte[] noise = new byte[200_000];
        new java.util.Random(8).nextBytes(noise);
        noise[70_000] = 0;
        for (byte[] input : List.of(noise, bytes("{\"a\":1}\n{\"b\":", 0, "}\n"),
                "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))) {
            try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(input))) {
                List<RecordEntry> entries = drain(reader);
                assertEquals(1, entries.size());
                RecordEntry.Malformed binary = assertInstanceOf(RecordEntry.Malformed.class, entries.get(0));
                assertEquals(1, binary.number());
                assertTrue(binary.reason().startsWith("binary data, not JSON text"), binary.reason());
            }
        }
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(noise))) {
            reader.skipThrough(1);
            assertNull(reader.next(), "a resumed binary file is finished");
        }
    }

    /** Found by RecordReaderFuzzTest: Jackson took these bytes for UTF-32 and failed to decode them. */
    @Test
    void binaryInputThatLooksLikeUtf32IsOneMalformedEntryNotAnError() throws IOException {
        byte[] input = {'{', 0, 0, 0, 0, 0, 0, 1, 'h', 'a', (byte) 0xbb, 3, '"', '}', '\n', '{', '}'};
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(input))) {
            List<RecordEntry> entries = drain(reader);
            assertEquals(1, entries.size());
            RecordEntry.Malformed binary = assertInstanceOf(RecordEntry.Malformed.class, entries.get(0));
            assertTrue(binary.reason().startsWith("binary data, not JSON text (a NUL byte at byte 2"), binary.reason());
        }
    }

    /** Found by BadInputCorpusIT: a gzip cut within its first 64 KiB lost the records before the cut. */
    @Test
    void aGzipCutWithinTheHeadGivesTheRecordsBeforeTheCutThenTheError() throws IOException {
        StringBuilder file = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 40; i++) {
            file.append(i == 0 ? "" : ",").append("{\"eventID\":\"e").append(i).append("\",\"n\":").append(i * 7919).append("}");
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(file.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() * 6 / 10);

        List<RecordEntry> before = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new GZIPInputStream(new ByteArrayInputStream(cut)))) {
            assertEquals(RecordLayout.CLOUDTRAIL_RECORDS, reader.layout());
            assertThrows(EOFException.class, () -> {
                for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                    before.add(e);
                }
            });
        }
        assertTrue(before.size() > 5, "the records before the cut: " + before);
        for (int i = 0; i < before.size(); i++) {
            assertParsed(before.get(i), i + 1, "{\"eventID\":\"e" + i + "\",\"n\":" + i * 7919 + "}");
        }
    }

    // ---- helpers

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RecordReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Text and single bytes (ints), concatenated. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static RecordReader open(String text) throws IOException {
        return RecordReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<RecordEntry> readAll(String text) throws IOException {
        try (RecordReader reader = open(text)) {
            return drain(reader);
        }
    }

    private static List<RecordEntry> drain(RecordReader reader) throws IOException {
        List<RecordEntry> entries = new ArrayList<>();
        for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e);
        }
        return entries;
    }

    private static void assertParsed(RecordEntry entry, long number, String text) throws IOException {
        RecordEntry.Parsed parsed = assertInstanceOf(RecordEntry.Parsed.class, entry, String.valueOf(entry));
        assertEquals(number, parsed.number());
        assertEquals(text, parsed.text());
        assertEquals(JSON.readTree(text), parsed.json());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }
    }
}
