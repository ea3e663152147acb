package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Karaf counts as quiet only once it stops using the CPU, not while it still works. */
class DistributionTest {

    @Test
    void aProcessIsQuietOnlyOnceItsBusyPartIsOver(@TempDir Path dir) throws Exception {
        Path done = dir.resolve("done");
        // a few seconds of a busy shell loop (its own CPU, no children), then a marker and idleness (the
        // shell becomes the sleep, so that destroying the process ends it)
        Process p = new ProcessBuilder("sh", "-c",
                "i=0; while [ $i -lt 3000000 ]; do i=$((i+1)); done; touch '" + done + "'; exec sleep 60").start();
        try {
            Distribution.Quiet quiet = Distribution.awaitQuiet(p.pid(), Duration.ofSeconds(50));
            assertTrue(Files.exists(done), "quiet after " + quiet.seconds() + " s while the loop still ran");
            assertTrue(quiet.reached(), "never quiet, though the process sleeps: " + quiet.seconds() + " s");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
