package dev.herald.core.journal;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.JournalException;
import dev.herald.api.admin.Counters;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a real, small filesystem (a tmpfs this test mounts) that fills up and is freed
 * again: appends fail while the disk is full, the store says why, and they resume once space is
 * freed, without reopening anything by hand. Needs root (mount); skipped where it cannot mount.
 */
class DiskFullTest {
    @TempDir
    Path dir;
    Path disk;
    MvStore store;
    JournalService journal;
    RouteTable table;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        int rc = run("mount", "-t", "tmpfs", "-o", "size=4m", "herald-disk-full-test", disk.toString());
        Assumptions.assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root): skipped");
        Map<String, Object> limited = route("limited", "{\"source\":[\"cloudtrail\"]}", "siem");
        limited.put("throttle", "3/1h");
        table = routes(limited);
        store = MvStore.open(TestSettings.defaults(disk));
        journal = new JournalService(store, () -> table, new SourceProblems());
    }

    @AfterEach
    void unmount() throws Exception {
        if (store != null) {
            store.close();
        }
        if (run("umount", disk.toString()) != 0) {
            run("umount", "-l", disk.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** Events of incompressible text, so that committing them must grow the file. */
    private static List<Event> bigEvents(String prefix, int count) {
        Random random = new Random(count);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] noise = new byte[24_000];
            random.nextBytes(noise);
            out.add(event(prefix + i, "cloudtrail", "t",
                    "{\"noise\":\"" + Base64.getEncoder().encodeToString(noise) + "\"}"));
        }
        return out;
    }

    /** Writes a file until the disk is full; returns it. */
    private Path fill() throws IOException {
        Path filler = disk.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
        }
        return filler;
    }

    @Test
    void appendsFailWhileTheDiskIsFullAndResumeOnceSpaceIsFreed() throws Exception {
        assertEquals(1, journal.append("trail", bigEvents("a", 1), Checkpoint.of("p1")));
        Path filler = fill();
        List<Event> batch = bigEvents("b", 3);

        JournalException e = assertThrows(JournalException.class,
                () -> journal.append("trail", batch, Checkpoint.of("p2")));
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        List<String> problems = store.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("a write to the store failed: No space left on device"), problems.get(0));
        assertTrue(problems.get(0).contains("Free space on the disk of " + store.location()),
                problems.get(0));
        assertThrows(JournalException.class, () -> journal.append("trail", batch, Checkpoint.of("p2")),
                "still full: the retry fails too, and nothing breaks");

        Files.delete(filler);

        assertEquals(3, journal.append("trail", batch, Checkpoint.of("p2")), "resumes without a restart");
        assertEquals(List.of(), store.problems(), "the problem clears with the first commit that works");
        assertEquals("p2", journal.checkpoint("trail").orElseThrow().position());
        assertEquals(3L, (long) store.read(v -> v.pending("siem")), "a0, b0 and b1; b2 is over the limit");
        Counters limited = store.read(v -> v.counters(Counter.Scope.ROUTE, "limited"));
        assertEquals(3, limited.routed(), "the throttle (3/1h) counted each event once, not once per try");
        assertEquals(1, limited.throttled(), "only the fourth event over the limit");
        Counters source = store.read(v -> v.counters(Counter.Scope.SOURCE, "trail"));
        assertEquals(4, source.received(), "the failed tries counted nothing");
    }
}
