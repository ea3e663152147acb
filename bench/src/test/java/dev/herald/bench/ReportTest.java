package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final Dataset DATA = dataset();

    private static Dataset dataset() {
        BitSet selected = new BitSet();
        selected.set(1, 251);
        return new Dataset(Path.of("flows.jsonl.gz"), 1000, 300_000, selected);
    }

    /** A run of 1000 lines at {@code perSecond}, with {@code cpu} CPU seconds and {@code rssMiB} peak RSS. */
    private static Report.Run run(String what, double perSecond, double cpu, int rssMiB, String verdict) {
        return new Report.Run(what, 1000, 1000 / perSecond, cpu, (long) rssMiB << 20, 0, verdict);
    }

    /** Adds a pair: the reference's rate, CPU and RSS, then Herald's, and Herald's verdict (the reference's is exact). */
    private static void pair(Report report, Workload workload, double referencePerSecond, double referenceCpu,
                             int referenceRssMiB, double heraldPerSecond, double heraldCpu, int heraldRssMiB,
                             String heraldVerdict) {
        report.throughput(workload, DATA, run("reference", referencePerSecond, referenceCpu, referenceRssMiB, "exact"),
                run("Herald", heraldPerSecond, heraldCpu, heraldRssMiB, heraldVerdict), null);
    }

    private static String printed(Report report, Path work) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8), Bench.Options.parse(new String[] {
                "--distribution", work.resolve("herald.tar.gz").toString(), "--work", work.toString(), "--settle", "0"}));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void severalPairsShowTheMedianPairAndEveryRatio(@TempDir Path work) throws Exception {
        Report report = new Report();
        pair(report, Workload.ILLUMIO, 200_000, 1.1, 200, 120_000, 3.1, 330, "exact");
        pair(report, Workload.ILLUMIO, 300_000, 1.2, 210, 150_000, 3.2, 390, "exact");
        pair(report, Workload.ILLUMIO, 250_000, 1.3, 220, 175_000, 3.3, 340, "exact");
        String table = printed(report, work);

        assertTrue(table.contains("| Herald / reference in each pair, in the order they ran (the rows below: the median,"
                + " in bold) |  | **0.60×**, 0.50×, 0.70× |"), table);
        assertTrue(table.contains("| reference events/s |  | 200,000 |"), "the median pair's reference: " + table);
        assertTrue(table.contains("| **Herald events/s** |  | **120,000** |"), table);
        assertTrue(table.contains("| CPU s, reference / Herald |  | 1.1 / 3.1 |"), table);
        assertTrue(table.contains("| peak RSS MiB, reference / Herald |  | 200 / 330 (Herald's highest of the pairs: 390) |"),
                table);
        assertTrue(table.contains("| received exactly the selected lines, reference / Herald |  | exact / exact |"), table);
        assertTrue(report.allExact());
    }

    @Test
    void aPairThatWasNotExactIsNamedEvenWhenItIsNotTheMedian(@TempDir Path work) throws Exception {
        Report report = new Report();
        pair(report, Workload.CLOUDTRAIL, 100_000, 1, 200, 60_000, 3, 330, "exact");
        pair(report, Workload.CLOUDTRAIL, 100_000, 1, 200, 10_000, 3, 330, "missing 3 of 250");
        pair(report, Workload.CLOUDTRAIL, 100_000, 1, 200, 70_000, 3, 330, "exact");
        String table = printed(report, work);

        assertTrue(table.contains("| **Herald events/s** | **60,000** |  |"), "the median pair: " + table);
        assertTrue(table.contains("| received exactly the selected lines, reference / Herald | pair 1: exact / exact;"
                + " pair 2: exact / missing 3 of 250; pair 3: exact / exact |  |"), table);
        assertFalse(report.allExact());
    }

    @Test
    void onePairPrintsNoRatioListAndNoHighest(@TempDir Path work) throws Exception {
        Report report = new Report();
        pair(report, Workload.ILLUMIO, 200_000, 1.1, 200, 100_000, 3.1, 330, "exact");
        String table = printed(report, work);

        assertFalse(table.contains("in each pair"), table);
        assertFalse(table.contains("syslog-ng"), "no syslog-ng rows without its runs: " + table);
        assertTrue(table.contains("| Herald / reference |  | 0.50× |"), table);
        assertTrue(table.contains("| peak RSS MiB, reference / Herald |  | 200 / 330 |"), table);
    }

    @Test
    void syslogNgOfTheMedianPairIsShownBesideTheReferenceAndHerald(@TempDir Path work) throws Exception {
        Report report = new Report();
        report.throughput(Workload.ILLUMIO, DATA, run("reference", 200_000, 1.1, 200, "exact"),
                run("Herald", 100_000, 3.1, 330, "exact"), run("syslog-ng", 50_000, 2.5, 14, "exact"));
        report.throughput(Workload.ILLUMIO, DATA, run("reference", 200_000, 1.1, 200, "exact"),
                run("Herald", 150_000, 3.1, 330, "exact"), run("syslog-ng", 40_000, 2.5, 14, "missing 1 (first 7)"));
        String table = printed(report, work);

        assertTrue(table.contains("| syslog-ng (of the median pair): events/s (÷ reference), CPU µs per line, peak RSS MiB,"
                + " received |  | 50,000 (0.25×), 2500.0 µs, 14 MiB, exact |"), table);
        assertTrue(table.contains("| **Herald / syslog-ng** |  | **2.00×** |"), table);
        assertFalse(report.allExact(), "a syslog-ng run that was not exact counts");
    }
}
