package dev.herald.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records far larger than the heap: the build runs this module's tests in a JVM with -Xmx256m (see
 * this module's pom.xml). Each is skipped while it streams past and quarantined as too large; the
 * records around it, and the file dropped after them, are delivered.
 */
class HugeRecordsTest {
    private static final long MIB = 1024 * 1024;
    private static final long HEAP_LIMIT = 256 * MIB;

    @TempDir
    Path temp;

    @Test
    void hugeRecordsAreSkippedInAHeapSmallerThanThemAndTheFilesAfterThemFlow() throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() <= HEAP_LIMIT, "run with -Xmx256m, not "
                + Runtime.getRuntime().maxMemory() / MIB + " MiB: this test is about memory");
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        long line = 300 * 1000 * 1000L;
        long inflated = 2048 * MIB;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(inbox.resolve("a-line.jsonl")))) {
            write(out, "{\"type\":\"huge\",\"blob\":\"", line - 25, "\"}\n{\"type\":\"after-line\"}\n");
        }
        try (OutputStream out = gzip(inbox.resolve("b-no-newline.jsonl.gz"))) {
            write(out, "{\"blob\":\"", inflated - 9, "");
        }
        try (OutputStream out = gzip(inbox.resolve("c-records.json.gz"))) {
            write(out, "{\"Records\":[{\"type\":\"before-record\"},{\"type\":\"huge\",\"blob\":\"", line - 25,
                    "\"},{\"type\":\"after-record\"}]}");
        }
        try (OutputStream out = gzip(inbox.resolve("d-document.json.gz"))) {
            write(out, "{\n\"type\":\"huge\",\n\"blob\":\"", line - 28, "\"\n}\n{\n\"type\":\"after-document\"\n}\n");
        }
        Files.writeString(inbox.resolve("e-valid.jsonl"), "{\"type\":\"valid\"}\n");

        try (DirectoryPoller poller = new DirectoryPoller(TestConfig.settings(inbox), journal, () -> false, HeraldKinds.all())) {
            poller.poll();
        }

        assertEquals(List.of("after-line", "before-record", "after-record", "after-document", "valid"),
                journal.events().stream().map(Event::type).toList());
        Map<String, String> reasons = journal.quarantined().stream().collect(Collectors.toMap(
                MemoryJournal.Quarantined::location, MemoryJournal.Quarantined::reason));
        assertEquals(Map.of("a-line.jsonl:1", line, "b-no-newline.jsonl.gz:1", inflated, "c-records.json.gz:2", line,
                "d-document.json.gz:1", line), reasons.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> sizeIn(e.getValue()))));
        assertTrue(journal.quarantined().stream().allMatch(q -> q.content().length() <= 64 * 1024));
    }

    private final MemoryJournal journal = new MemoryJournal();

    /** {@code before}, then {@code count} letters x, then {@code after}: the record's size is their sum. */
    private static void write(OutputStream out, String before, long count, String after) throws IOException {
        byte[] xs = new byte[64 * 1024];
        Arrays.fill(xs, (byte) 'x');
        out.write(before.getBytes(StandardCharsets.UTF_8));
        for (long left = count; left > 0; left -= xs.length) {
            out.write(xs, 0, (int) Math.min(xs.length, left));
        }
        out.write(after.getBytes(StandardCharsets.UTF_8));
    }

    private static OutputStream gzip(Path file) throws IOException {
        return new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** N of a reason "too large (N bytes): …". */
    private static long sizeIn(String reason) {
        assertTrue(reason.startsWith("too large ("), reason);
        return Long.parseLong(reason.substring("too large (".length(), reason.indexOf(" bytes)")));
    }
}
