package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JSON Lines read with one parser for many lines: each line's entry exactly as a parser of that line alone gives it. */
class SharedLineParserTest {
    private static final Projection KEEP = Projection.of(Set.of("a", "c.b", "e\u00e9"), name -> { });

    @Test
    void eachLineReadsAsItDoesAloneWhateverTheLinesAroundItAndWhereverTheReadsEnd() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 40; round++) {
            List<String> lines = new ArrayList<>();
            StringBuilder stream = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                String line = randomLine(random);
                lines.add(line);
                stream.append(line).append(switch (random.nextInt(6)) {
                    case 0 -> "\r\n";
                    case 1 -> "\r";
                    default -> "\n";
                });
            }
            // a line broken in two by a terminator inside it reads as two lines, here and alone
            List<String> asRead = new ArrayList<>(List.of(stream.toString().split("\r\n|\r|\n", -1)));
            asRead.remove(asRead.size() - 1);
            int largestRead = round % 2 == 0 ? 64 * 1024 : 1 + random.nextInt(3000);
            List<RecordEntry> read = new ArrayList<>();
            // JSON Lines as such: RecordReader.open would take a stream whose first line is an array for one array
            try (JsonLinesSource reader = new JsonLinesSource(new ShortReads(stream.toString(), random, largestRead),
                    1024 * 1024, () -> KEEP)) {
                for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                    read.add(e);
                }
            }
            List<RecordEntry> alone = new ArrayList<>();
            for (int i = 0; i < asRead.size(); i++) {
                RecordEntry e = alone(asRead.get(i));
                if (e != null) {
                    alone.add(e);
                    assertEquals(1, e.number());
                }
            }
            assertEquals(alone.size(), read.size(), "round " + round);
            for (int i = 0; i < read.size(); i++) {
                assertSameEntry(alone.get(i), read.get(i));
            }
        }
    }

    @Test
    void answersForEachObjectLineOfAFillAndLeavesTheNextLinesAloneAfterOneThatRunsOn() throws Exception {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            stream.append("{\"a\":").append(i).append(",\"z\":[1,{\"y\":2}]}\n");
        }
        stream.append("{\"a\":\n"); // runs on into the next lines
        for (int i = 0; i < 80; i++) {
            stream.append("  {\"a\":").append(i).append("}\t\n");
        }
        List<Boolean> answered = new ArrayList<>();
        LineReader lines = new LineReader(new ByteArrayInputStream(stream.toString().getBytes(StandardCharsets.UTF_8)));
        try (SharedLineParser shared = new SharedLineParser()) {
            while (lines.next(1024)) {
                assertEquals(true, lines.inBuffer());
                JsonNode members = shared.read(lines, KEEP);
                answered.add(members != null);
                if (members != null) {
                    byte[] line = Arrays.copyOf(lines.bytes(), lines.kept());
                    assertEquals(KEEP.read(line, line.length), members);
                }
            }
        }
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(true);
        }
        for (int i = 0; i <= 64; i++) {
            expected.add(false); // the line that runs on, then 64 lines alone
        }
        for (int i = 65; i <= 80; i++) {
            expected.add(true);
        }
        assertEquals(expected, answered);
    }

    @Test
    void aLineThatRunsOnIsReadAloneAndTheLinesAfterItAreTheirOwn() throws Exception {
        String stream = "{\"a\":1}\n{\"a\":\n2}\n{\"a\":3} {\"a\":4}\n\u000b\n{\"a\":5}\n";
        List<String> seen = new ArrayList<>();
        try (RecordReader reader = RecordReader.open(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                1024, () -> KEEP)) {
            for (RecordEntry e = reader.next(); e != null; e = reader.next()) {
                seen.add(e.number() + (e instanceof RecordEntry.Parsed p ? " " + p.json() : " malformed"));
            }
        }
        assertEquals(List.of("1 {\"a\":1}", "2 malformed", "3 malformed", "4 malformed", "6 {\"a\":5}"), seen);
    }

    /** The line's entry read alone: the last line of a stream, which no terminator ends, never goes to the shared parser. */
    private static RecordEntry alone(String line) throws IOException {
        try (JsonLinesSource reader = new JsonLinesSource(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                1024 * 1024, () -> KEEP)) {
            return reader.next();
        }
    }

    private static void assertSameEntry(RecordEntry expected, RecordEntry actual) {
        assertSame(expected.getClass(), actual.getClass(), actual.text());
        assertEquals(expected.text(), actual.text());
        if (expected instanceof RecordEntry.Parsed p) {
            RecordEntry.Parsed a = (RecordEntry.Parsed) actual;
            assertEquals(p.json(), a.json(), a.text());
            assertSame(p.projection(), a.projection(), a.text());
        } else {
            assertEquals(((RecordEntry.Malformed) expected).reason(), ((RecordEntry.Malformed) actual).reason());
        }
    }

    /** Objects mostly, in part kept; and lines that are not one object ending at the line's end. */
    private static String randomLine(Random random) {
        String object = ProjectionTest.randomObject(random, 0);
        String padded = " ".repeat(random.nextInt(2)) + object + "\t".repeat(random.nextInt(2));
        return switch (random.nextInt(20)) {
            case 0 -> object.substring(0, random.nextInt(object.length())); // cut short: runs on, or not JSON
            case 1 -> object + (random.nextBoolean() ? " x" : "{}");
            case 2 -> "[" + object + "]";
            case 3 -> random.nextBoolean() ? "" : " \t ";
            case 4 -> "\u000b";
            case 5 -> object.replaceFirst(":", ":\n"); // broken in two
            case 6 -> "42";
            case 7 -> "{\"a\":\"\u00e9\ud83d\ude00\"}";
            default -> padded;
        };
    }

    /** Hands the stream over in reads of random sizes up to {@code largest} bytes. */
    private static final class ShortReads extends FilterInputStream {
        private final Random random;
        private final int largest;

        ShortReads(String text, Random random, int largest) {
            super(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            this.random = random;
            this.largest = largest;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(largest)));
        }
    }
}
