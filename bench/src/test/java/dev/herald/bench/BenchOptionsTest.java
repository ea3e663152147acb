package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {
    private static Bench.Options parse(Path work, String... more) throws Exception {
        String[] base = {"--distribution", work.resolve("herald.tar.gz").toString(), "--work", work.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Bench.Options.parse(args);
    }

    @Test
    void namesOneFlightRecordingPerPhase(@TempDir Path work) throws Exception {
        Bench.Options o = parse(work, "--jfr", work.resolve("profiles/herald.jfr").toString());
        assertEquals(work.resolve("profiles/herald-illumio.jfr"), o.jfr("ILLUMIO"));
        assertEquals(work.resolve("profiles/herald-drain.jfr"), o.jfr("drain"));
        assertEquals(work.resolve("profiles/run-latency.jfr"),
                parse(work, "--jfr", work.resolve("profiles/run").toString()).jfr("latency"));
        assertNull(parse(work).jfr("drain"), "no recording unless asked for");
    }

    @Test
    void warmsUpWithOneLineUnlessToldOtherwise(@TempDir Path work) throws Exception {
        assertEquals(1, parse(work).warmup);
        assertEquals(300_000, parse(work, "--warmup", "300000").warmup);
        assertThrows(IllegalArgumentException.class, () -> parse(work, "--warmup", "0"));
    }

    @Test
    void runsOnePairPerThroughputWorkloadUnlessToldOtherwise(@TempDir Path work) throws Exception {
        assertEquals(1, parse(work).pairs);
        assertEquals(3, parse(work, "--pairs", "3").pairs);
        assertThrows(IllegalArgumentException.class, () -> parse(work, "--pairs", "0"));
    }
}
