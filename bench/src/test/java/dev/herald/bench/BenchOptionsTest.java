package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void runsSyslogNgOnlyWhenGivenItsExecutable(@TempDir Path work) throws Exception {
        assertNull(parse(work).syslogNg);
        Path root = work.resolve("syslog-ng-root");
        Path executable = Files.createDirectories(root.resolve("usr/sbin")).resolve("syslog-ng");
        Files.createFile(executable, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(root.resolve("usr/lib/syslog-ng/3.38"));

        SyslogNg syslogNg = parse(work, "--syslog-ng", executable.toString()).syslogNg;
        assertEquals(root, syslogNg.root());
        String config = syslogNg.configuration(Workload.ILLUMIO, 5514);
        assertTrue(config.startsWith("@version: 3.38\n"), config);
        assertTrue(config.contains("filter f_rule { " + Workload.ILLUMIO.syslogNgFilter + " };"), config);
        assertTrue(config.contains("syslog(\"127.0.0.1\" port(5514) transport(\"tcp\"))"), config);
        IllegalArgumentException notIt = assertThrows(IllegalArgumentException.class,
                () -> parse(work, "--syslog-ng", work.resolve("nothing").toString()));
        assertTrue(notIt.getMessage().contains("bench/syslog-ng-fetch"), notIt.getMessage());
    }
}
