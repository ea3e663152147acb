package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.testkit.HeraldKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.event.ruler.GenericMachine;

/** The generated workloads have the sizes, kinds and match rates the bench claims, from a seed alone. */
class GeneratorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines whose rates and sizes are checked; the first {@link #PARSED} are also parsed and routed. */
    private static final int SAMPLE = 20_000;
    private static final int PARSED = 1_000;
    /** Herald's reader with the record kinds the distribution ships. */
    private static final RecordRecognizer RECOGNIZER = HeraldKinds.all().recognizer();

    @Test
    void cloudTrailLinesAreCloudTrailRecordsOfAbout1250BytesOfWhichTheRuleSelects21Point6Percent() throws Exception {
        checkSample(Workload.CLOUDTRAIL, "cloudtrail", 1250, 21.6);
    }

    @Test
    void illumioLinesAreFlowSummariesOfAbout305BytesOfWhichTheRuleSelects24Point8Percent() throws Exception {
        checkSample(Workload.ILLUMIO, "illumio-flow", 305, 24.8);
    }

    /**
     * The sample has the workload's average line size and match rate (within 5% and 0.5 points);
     * each of its first lines parses, is recognised by Herald's reader as {@code kind}, and is selected
     * alike by the generator, by the reference's rule and by the route's EventBridge pattern
     * (event-ruler, as Herald's routes use it, over Herald's envelope).
     */
    private static void checkSample(Workload workload, String kind, int bytesPerLine, double percent) throws Exception {
        GenericMachine<String> route = new GenericMachine<>();
        route.addRule("bench", workload.pattern);
        long bytes = 0;
        int selected = 0;
        for (long n = 1; n <= SAMPLE; n++) {
            LineGenerator.Line line = workload.generator.line(LineGenerator.streamOf(42, n), n);
            bytes += line.text().length() + 1;
            selected += line.matches() ? 1 : 0;
            if (n > PARSED) {
                continue;
            }
            JsonNode record = JSON.readTree(line.text());
            assertEquals(kind, RECOGNIZER.kind(record), line.text());
            assertEquals(line.matches(), workload.selects(record), "the reference's rule on line " + n);
            ObjectNode envelope = JSON.createObjectNode().put("source", workload.source);
            envelope.set("detail", record);
            assertEquals(line.matches(), route.rulesForJSONEvent(envelope.toString()).contains("bench"),
                    "the route's pattern on line " + n + ": " + line.text());
            String id = workload.id(record, "flows.jsonl.gz", n);
            assertEquals(n, Workload.lineOf(workload == Workload.ILLUMIO ? id + "@1a2b3c4d" : id), id);
        }
        double average = bytes / (double) SAMPLE;
        assertTrue(Math.abs(average - bytesPerLine) < bytesPerLine * 0.05, "average line " + average + " bytes");
        double rate = 100.0 * selected / SAMPLE;
        assertTrue(Math.abs(rate - percent) < 0.5, "selected " + rate + "%");
    }

    @Test
    void theSameSeedMakesTheSameFileAndAnotherSeedAnotherOne(@TempDir Path dir) throws Exception {
        Dataset first = Dataset.of(Workload.ILLUMIO, 7, 2000, dir.resolve("a"));
        Dataset again = Dataset.of(Workload.ILLUMIO, 7, 2000, dir.resolve("b"));
        Dataset other = Dataset.of(Workload.ILLUMIO, 8, 2000, dir.resolve("c"));
        assertArrayEquals(Files.readAllBytes(first.file()), Files.readAllBytes(again.file()));
        assertEquals(first.selected(), again.selected());
        assertNotEquals(first.selected(), other.selected());
        Dataset cached = Dataset.of(Workload.ILLUMIO, 7, 2000, dir.resolve("a"));
        assertEquals(List.of(first.rawBytes(), first.selected()), List.of(cached.rawBytes(), cached.selected()));
    }
}
