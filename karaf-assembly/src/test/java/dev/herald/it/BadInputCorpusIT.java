package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.SourceView;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * The committed bad-input corpus ({@code src/test/resources/bad-input/}) and a 50 MB line made at
 * test time, dropped into a file source's inbox on the real distribution. Every bad record is
 * quarantined with a reason that says what is wrong, the good records of the same files are
 * delivered (JSON Lines read on after a bad line; a CloudTrail file resynchronises after a
 * missing comma; a truncated gzip keeps what came before the cut), the source reports no problem,
 * and a valid file dropped after all of them is delivered.
 */
public class BadInputCorpusIT extends HeraldContainerTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SOURCE = "bad-input";
    private static final int FIFTY_MB = 50 * 1024 * 1024;

    /** What each file of the corpus must give: the reasons of its quarantined records in order, and the events delivered. */
    private record Expected(List<String> reasons, Set<String> delivered) {
        static Expected of(List<String> reasons, String... delivered) {
            return new Expected(reasons, Set.of(delivered));
        }
    }

    private static final Map<String, Expected> CORPUS = new LinkedHashMap<>();

    static {
        CORPUS.put("truncated-cloudtrail.json.gz", Expected.of(List.of("the file is truncated"),
                "bad-input-gz-00", "bad-input-gz-21"));
        CORPUS.put("invalid-utf8.jsonl", Expected.of(List.of("not UTF-8: byte 0xC3"),
                "bad-input-utf8-1", "bad-input-utf8-3"));
        CORPUS.put("fifty-mb-line.jsonl", Expected.of(List.of("too large (" + (FIFTY_MB + 2) + " bytes)"),
                "bad-input-big-1", "bad-input-big-3"));
        CORPUS.put("deep-nesting.jsonl", Expected.of(List.of("nesting depth (1001) exceeds", "nesting depth (1001) exceeds"),
                "bad-input-deep-1", "bad-input-deep-4"));
        CORPUS.put("wrong-types.jsonl", Expected.of(List.of(
                "CloudTrail record has malformed eventTime '1700000000'",
                "CloudTrail record has an object as eventName",
                "CloudTrail record has an array as eventID",
                "PCE audit event has an array as timestamp",
                "PCE audit event has an object as event_type",
                "ASFF finding has malformed UpdatedAt 'not a time'",
                "Illumio flow summary has an array as timestamp"),
                // a Severity that is no label falls back to Normalized, then info, as AsffFindings documents
                "bad-input-asff@2026-11-22T10:00:00Z", "bad-input-types-ok"));
        CORPUS.put("malformed-asff-timestamps.json", Expected.of(List.of(
                "malformed UpdatedAt '2026-02-30T10:00:00Z'", "malformed UpdatedAt '2026-11-22 10:00'",
                "malformed UpdatedAt '2026-11-22T25:00:00Z'", "ASFF finding has no UpdatedAt"),
                "bad-input-asff-ok@2026-11-22T10:00:00Z"));
        CORPUS.put("out-of-range-epochs.jsonl", Expected.of(List.of(
                "time at /time 9999999999999999999 out of range", "time at /time 9999999999999999999 out of range",
                "time at /time Infinity out of range", "time at /time -1.0E20 out of range",
                "timestamp '+999999999-01-01T00:00:00Z' out of range"), "bad-input-epoch-ok"));
        CORPUS.put("cloudtrail-missing-comma.json", Expected.of(List.of("was expecting comma to separate Array entries"),
                "bad-input-comma-1", "bad-input-comma-2", "bad-input-comma-3", "bad-input-comma-4"));
        CORPUS.put("empty.json", Expected.of(List.of()));
        CORPUS.put("binary.json", Expected.of(List.of("binary data, not JSON text (a NUL byte at byte 9)")));
    }

    @Override
    protected Option[] moreOptions() {
        return new Option[] {
            systemProperty("herald.it.bad-input").value(new File("src/test/resources/bad-input").getAbsolutePath())};
    }

    @Test
    public void everyBadRecordIsQuarantinedWithItsReasonAndAValidFileAfterThemIsDelivered() throws Exception {
        RecordingHttpServer receiver = new RecordingHttpServer();
        Path inbox = Files.createTempDirectory("herald-bad-input");
        features.installFeature("herald-sink-webhook");
        configure("dev.herald.sink.webhook", "bad-hook", props("name", "bad-hook", "url", receiver.url("/bad")));
        configure("dev.herald.route", "bad-input", props("name", "bad-input",
                "pattern", "{\"instance\":[\"" + SOURCE + "\"]}", "sinks", new String[] {"bad-hook"}));
        configure("dev.herald.source.file", SOURCE, props("name", SOURCE, "directory", inbox.toString(),
                "poll_interval", 1, "settle_time", 100));

        Path corpus = Path.of(System.getProperty("herald.it.bad-input"));
        for (String file : CORPUS.keySet()) {
            Path tmp = Files.createTempFile(inbox.getParent(), "bad", ".tmp");
            if (file.equals("fifty-mb-line.jsonl")) {
                writeFiftyMegabyteLine(tmp);
            } else {
                Files.copy(corpus.resolve(file), tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, inbox.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        }

        for (Map.Entry<String, Expected> c : CORPUS.entrySet()) {
            String file = c.getKey();
            Await.until(WAIT, () -> quarantined(file).size() >= c.getValue().reasons().size()
                            && delivered(receiver).containsAll(c.getValue().delivered()),
                    () -> file + ": quarantined " + quarantined(file) + ", delivered " + delivered(receiver)
                            + "; sources " + herald.sources());
        }
        Path valid = inbox.resolve("zz-valid-after-all.jsonl");
        Files.writeString(valid, cloudTrail("bad-input-valid-after-all") + "\n");
        Await.until(WAIT, () -> delivered(receiver).contains("bad-input-valid-after-all"),
                () -> "the valid file after the corpus was not delivered: " + delivered(receiver) + "; sources "
                        + herald.sources());

        for (Map.Entry<String, Expected> c : CORPUS.entrySet()) {
            List<QuarantineView> entries = quarantined(c.getKey());
            List<String> reasons = entries.stream().map(QuarantineView::reason).toList();
            assertEquals(c.getKey() + " quarantined " + reasons, c.getValue().reasons().size(), entries.size());
            for (int i = 0; i < entries.size(); i++) {
                assertTrue(c.getKey() + ": '" + reasons.get(i) + "' should say '" + c.getValue().reasons().get(i) + "'",
                        reasons.get(i).contains(c.getValue().reasons().get(i)));
            }
        }
        SourceView source = herald.sources().stream().filter(s -> s.instance().equals(SOURCE)).findFirst().orElseThrow();
        assertEquals("a source that quarantines bad records has no problem of its own: " + source, null, source.error());
    }

    /** A valid line, a 50 MB line, a valid line: the long one must be skipped without being held. */
    private static void writeFiftyMegabyteLine(Path file) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((cloudTrail("bad-input-big-1") + "\n").getBytes(StandardCharsets.UTF_8));
            out.write("\"".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < FIFTY_MB / chunk.length; i++) {
                out.write(chunk);
            }
            out.write("\"\n".getBytes(StandardCharsets.UTF_8));
            out.write((cloudTrail("bad-input-big-3") + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String cloudTrail(String id) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-11-22T10:00:00Z\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\",\"eventID\":\"" + id + "\"}";
    }

    private List<QuarantineView> quarantined(String file) {
        return herald.quarantine(SOURCE, 1000).stream().filter(q -> q.location().startsWith(file + ":")
                        || q.location().equals(file))
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    private static Set<String> delivered(RecordingHttpServer receiver) {
        return receiver.requests().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("event").path("id").asText();
            } catch (IOException e) {
                throw new AssertionError("the webhook got a body that is not JSON: " + r.body(), e);
            }
        }).collect(Collectors.toSet());
    }
}
