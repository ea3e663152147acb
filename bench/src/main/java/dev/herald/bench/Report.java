package dev.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the bench measured, printed as one Markdown table with the machine it ran on. */
final class Report {

    /**
     * One clocked run.
     *
     * @param events     lines read (drain: messages delivered)
     * @param seconds    from the file appearing (the reference: its start; drain: the sink's
     *                   configuration appearing) to the receiver's last byte
     * @param storeBytes Herald's store on disk afterwards (0 for the reference)
     * @param verdict    {@code exact}, or what the receiver got wrong
     * @param settledStoreBytes Herald's store on disk once Herald has been idle a while after the
     *                   last message (its housekeeping has run), or -1 when not measured
     */
    record Run(String what, long events, double seconds, double cpuSeconds, long peakRssBytes, long storeBytes,
               String verdict, long settledStoreBytes) {
        Run(String what, long events, double seconds, double cpuSeconds, long peakRssBytes, long storeBytes,
            String verdict) {
            this(what, events, seconds, cpuSeconds, peakRssBytes, storeBytes, verdict, -1);
        }

        Run settled(long bytes) {
            return new Run(what, events, seconds, cpuSeconds, peakRssBytes, storeBytes, verdict, bytes);
        }

        double perSecond() {
            return events / seconds;
        }

        /** Whether the receiver got exactly the expected messages. */
        boolean exact() {
            return verdict.equals("exact");
        }

        @Override
        public String toString() {
            return String.format("%s: %,d in %.2f s = %,.0f/s, CPU %.1f s, peak RSS %d MiB, store %,d bytes%s, %s",
                    what, events, seconds, perSecond(), cpuSeconds, peakRssBytes >> 20, storeBytes,
                    settledStoreBytes < 0 ? "" : String.format(" (%,d once idle)", settledStoreBytes), verdict);
        }
    }

    /** Pushed finding to webhook, in milliseconds. */
    record Latency(String what, int count, int failedPushes, long p50, long p99, long max) {
        @Override
        public String toString() {
            return String.format("latency %s: p50 %d ms, p99 %d ms, max %d ms (%d findings%s)", what, p50, p99, max, count,
                    failedPushes == 0 ? "" : ", " + failedPushes + " pushes refused");
        }
    }

    /**
     * A reference run and the Herald run after it, on the same dataset; with syslog-ng's run
     * between them when the bench was given one ({@code --syslog-ng}), else null.
     */
    private record Pair(Run reference, Run herald, Run syslogNg) {
        double ratio() {
            return herald.perSecond() / reference.perSecond();
        }
    }

    /**
     * The pairs of one workload, in the order they ran. Each pair's two runs share the host's load
     * of the moment, which on a shared machine swings from one minute to the next; the table shows
     * the median pair by ratio (the lower middle one of an even count) and lists every ratio.
     */
    private record Throughput(Dataset data, List<Pair> pairs) {
        Pair median() {
            List<Pair> byRatio = new ArrayList<>(pairs);
            byRatio.sort(Comparator.comparingDouble(Pair::ratio));
            return byRatio.get((byRatio.size() - 1) / 2);
        }

        Run reference() {
            return median().reference;
        }

        Run herald() {
            return median().herald;
        }

        /** The median pair's syslog-ng run, or null. */
        Run syslogNg() {
            return median().syslogNg;
        }
    }

    private static final String LOAD_AT_START = loadAverage();

    private final Map<Workload, Throughput> throughput = new EnumMap<>(Workload.class);
    private final List<Latency> latencies = new ArrayList<>();
    private Run latencyRun;
    private Run drain;
    /** Of the drain: seconds from the sink's first message to its last (Config Admin's pick-up left out). */
    private double drainSending;
    private final Map<String, String> failures = new LinkedHashMap<>();

    /** Adds a pair of runs of the workload, with syslog-ng's run beside them or null. */
    void throughput(Workload workload, Dataset data, Run reference, Run herald, Run syslogNg) {
        throughput.computeIfAbsent(workload, w -> new Throughput(data, new ArrayList<>()))
                .pairs.add(new Pair(reference, herald, syslogNg));
    }

    void latency(Latency idle, Latency busy, Run ingest) {
        latencies.add(idle);
        latencies.add(busy);
        latencyRun = ingest;
    }

    void drain(Run run, double sendingSeconds) {
        drain = run;
        drainSending = sendingSeconds;
    }

    void failure(String phase, Exception e) {
        failures.put(phase, String.valueOf(e.getMessage()));
    }

    /** Whether every receiver got exactly the expected messages. */
    boolean allExact() {
        List<Run> runs = new ArrayList<>();
        throughput.values().forEach(t -> t.pairs.forEach(p -> {
            runs.add(p.reference);
            runs.add(p.herald);
            if (p.syslogNg != null) {
                runs.add(p.syslogNg);
            }
        }));
        if (latencyRun != null) {
            runs.add(latencyRun);
        }
        if (drain != null) {
            runs.add(drain);
        }
        return runs.stream().allMatch(Run::exact);
    }

    void print(PrintStream out, Bench.Options options) {
        out.println();
        out.println("Machine: " + machine() + " (" + LOAD_AT_START + " at the start); Karaf and reference at -Xmx"
                + options.heap + ", seed " + options.seed);
        out.println();
        out.println("| | CloudTrail-like | Illumio flows |");
        out.println("|---|---|---|");
        row(out, "lines (raw bytes/line, selected by the rule)", t -> String.format("%,d (%.0f B, %.1f%%)",
                t.data.lines(), t.data.rawBytes() / (double) t.data.lines(), 100.0 * t.data.expected() / t.data.lines()));
        if (throughput.values().stream().anyMatch(t -> t.pairs.size() > 1)) {
            row(out, "Herald / reference in each pair, in the order they ran (the rows below: the median, in bold)",
                    Report::ratios);
        }
        row(out, "reference events/s", t -> String.format("%,.0f", t.reference().perSecond()));
        row(out, "**Herald events/s**", t -> String.format("**%,.0f**", t.herald().perSecond()));
        row(out, "Herald / reference", t -> String.format("%.2f×", t.herald().perSecond() / t.reference().perSecond()));
        row(out, "wall clock s, reference / Herald", t -> String.format("%.1f / %.1f", t.reference().seconds, t.herald().seconds));
        row(out, "CPU s, reference / Herald", t -> String.format("%.1f / %.1f", t.reference().cpuSeconds, t.herald().cpuSeconds));
        row(out, "CPU µs per line, reference / Herald", t -> String.format("%.1f / %.1f",
                1e6 * t.reference().cpuSeconds / t.data.lines(), 1e6 * t.herald().cpuSeconds / t.data.lines()));
        row(out, "Herald / reference by CPU time (less sensitive to other load)", t -> String.format("%.2f×",
                t.reference().cpuSeconds / t.herald().cpuSeconds));
        row(out, "peak RSS MiB, reference / Herald", t -> String.format("%d / %d%s", t.reference().peakRssBytes >> 20,
                t.herald().peakRssBytes >> 20, t.pairs.size() == 1 ? "" : String.format(" (Herald's highest of the pairs: %d)",
                        t.pairs.stream().mapToLong(p -> p.herald.peakRssBytes).max().orElse(0) >> 20)));
        row(out, "Herald store on disk right after the last message: bytes/event (÷ raw bytes/event)",
                t -> String.format("%,.0f (%.2f×)", t.herald().storeBytes / (double) t.data.lines(),
                        t.herald().storeBytes / (double) t.data.rawBytes()));
        if (options.settleSeconds > 0) {
            row(out, "Herald store on disk after " + options.settleSeconds + " s idle, every event still retained:"
                    + " bytes/event (÷ raw bytes/event)", t -> t.herald().settledStoreBytes < 0 ? "" : String.format(
                    "%,.0f (%.2f×)", t.herald().settledStoreBytes / (double) t.data.lines(),
                    t.herald().settledStoreBytes / (double) t.data.rawBytes()));
        }
        row(out, "received exactly the selected lines, reference / Herald", Report::verdicts);
        if (throughput.values().stream().anyMatch(t -> t.syslogNg() != null)) {
            row(out, "syslog-ng (of the median pair): events/s (÷ reference), CPU µs per line, peak RSS MiB, received",
                    Report::syslogNg);
            row(out, "**Herald / syslog-ng**", t -> t.syslogNg() == null ? "" : String.format("**%.2f×**",
                    t.herald().perSecond() / t.syslogNg().perSecond()));
        }
        for (Latency l : latencies) {
            out.printf("| pushed finding → webhook, %s | p50 %d ms, p99 %d ms, max %d ms (%d findings%s) | |%n",
                    l.what, l.p50, l.p99, l.max, l.count, l.failedPushes == 0 ? "" : ", " + l.failedPushes + " refused");
        }
        if (latencyRun != null) {
            out.printf("| Illumio ingest while pushing | | %,.0f events/s, %s |%n", latencyRun.perSecond(), latencyRun.verdict);
        }
        if (drain != null) {
            out.printf("| outbox drain to syslog after the sink appears | | %,d entries in %.1f s = **%,.0f msg/s**, %s |%n",
                    drain.events, drain.seconds, drain.perSecond(), drain.verdict);
            out.printf("| outbox drain, the sink's first message to its last | | %,d in %.2f s = **%,.0f msg/s**, CPU %.1f s |%n",
                    drain.events, drainSending, drain.events / drainSending, drain.cpuSeconds);
        }
        failures.forEach((phase, message) -> out.printf("| %s | FAILED: %s | |%n", phase, message.replace('|', '/')));
    }

    /** "exact / exact" when every pair's receivers got exactly the selected lines, else what each pair's got. */
    private static String verdicts(Throughput t) {
        if (t.pairs.size() == 1 || t.pairs.stream().allMatch(p -> p.reference.exact() && p.herald.exact())) {
            return t.pairs.get(0).reference.verdict + " / " + t.pairs.get(0).herald.verdict;
        }
        List<String> each = new ArrayList<>();
        for (int i = 0; i < t.pairs.size(); i++) {
            each.add("pair " + (i + 1) + ": " + t.pairs.get(i).reference.verdict + " / " + t.pairs.get(i).herald.verdict);
        }
        return String.join("; ", each);
    }

    private static String syslogNg(Throughput t) {
        Run run = t.syslogNg();
        return run == null ? "" : String.format("%,.0f (%.2f×), %.1f µs, %d MiB, %s", run.perSecond(),
                run.perSecond() / t.reference().perSecond(), 1e6 * run.cpuSeconds / t.data.lines(),
                run.peakRssBytes >> 20, run.verdict);
    }

    /** Every pair's ratio, the median's in bold. */
    private static String ratios(Throughput t) {
        Pair median = t.median();
        List<String> each = new ArrayList<>();
        for (Pair p : t.pairs) {
            String ratio = String.format("%.2f×", p.ratio());
            each.add(p == median ? "**" + ratio + "**" : ratio);
        }
        return String.join(", ", each);
    }

    private interface Cell {
        String of(Throughput t);
    }

    private void row(PrintStream out, String label, Cell cell) {
        out.printf("| %s | %s | %s |%n", label, cellOf(Workload.CLOUDTRAIL, cell), cellOf(Workload.ILLUMIO, cell));
    }

    private String cellOf(Workload w, Cell cell) {
        Throughput t = throughput.get(w);
        return t == null ? "" : cell.of(t);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** nproc, CPU model, RAM and the load average when the run ended. */
    static String machine() {
        String model = "?";
        String memory = "?";
        String load = "?";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> (Long.parseLong(l.replaceAll("[^0-9]", "")) >> 20) + " GiB RAM").orElse("?");
            load = loadAverage();
        } catch (IOException | RuntimeException e) {
            // leave the question marks
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + memory + ", load average "
                + load + " at the end";
    }
}
