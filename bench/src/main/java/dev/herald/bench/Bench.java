package dev.herald.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The bench: Herald's whole path on the real distribution beside the {@link ReferenceForwarder},
 * for both workloads; the latency of a pushed finding to a webhook, idle and during a bulk ingest;
 * how fast a waiting outbox drains when its sink appears. Prints one table at the end. Every wait
 * is bounded, and every process it starts is killed when it ends, failed or not.
 */
public final class Bench {
    private static final Duration STALL = Duration.ofSeconds(120);
    private static final Duration LIMIT = Duration.ofMinutes(45);
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final long PUSH_INTERVAL_MILLIS = 50;
    private static final String KEYSTORE_PASSWORD = "bench-keystore";

    private final Options options;
    private final Report report = new Report();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Bench bench = new Bench(options);
        boolean ok = bench.run();
        bench.report.print(System.out, options);
        System.exit(ok ? 0 : 1);
    }

    private boolean run() {
        boolean ok = true;
        for (String phase : options.phases) {
            System.out.println("== " + phase + " ==");
            try {
                switch (phase) {
                    case "cloudtrail" -> throughput(Workload.CLOUDTRAIL);
                    case "illumio" -> throughput(Workload.ILLUMIO);
                    case "latency" -> latency();
                    case "drain" -> drain();
                    default -> throw new IllegalArgumentException("no phase " + phase);
                }
            } catch (Exception e) {
                ok = false;
                report.failure(phase, e);
                System.out.println(phase + " FAILED: " + e);
                e.printStackTrace(System.out);
            }
        }
        return ok && report.allExact();
    }

    // ---- throughput: reference, then Herald, on the same file; --pairs times ----

    private void throughput(Workload workload) throws Exception {
        Dataset data = dataset(workload);
        // made once per workload and let go with it: the latency phase is clocked in this JVM, whose pauses grow with its heap
        LineIndex lines = options.syslogNg == null ? null : LineIndex.of(data);
        for (int pair = 1; pair <= options.pairs; pair++) {
            if (options.pairs > 1) {
                System.out.printf("pair %d of %d%n", pair, options.pairs);
            }
            Report.Run reference = reference(workload, data);
            System.out.println(reference);
            Report.Run syslogNg = lines == null ? null : syslogNg(workload, data, lines);
            if (syslogNg != null) {
                System.out.println(syslogNg);
            }
            Report.Run herald = herald(workload, data);
            System.out.println(herald);
            report.throughput(workload, data, reference, herald, syslogNg);
        }
    }

    /** Herald on a freshly unpacked distribution: file source → route → syslog sink → the receiver. */
    private Report.Run herald(Workload workload, Dataset data) throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver();
             Distribution karaf = Distribution.unpack(options.distribution, options.work.resolve(workload.source),
                     List.of("herald-sink-syslog"))) {
            Path inbox = fileSourceToSyslog(karaf, workload, receiver.port(), "bench");
            startAndCheckHeap(karaf);
            warmUp(karaf, workload, inbox, receiver);
            awaitQuiet(karaf);
            Report.Run herald = ingest(karaf, data, inbox, receiver, workload.name(), options.jfr(workload.name()));
            return options.settleSeconds > 0 ? herald.settled(settledStoreBytes(karaf)) : herald;
        }
    }

    /**
     * syslog-ng on the dataset ({@link SyslogNg}), its clock from the start of {@code zcat} and
     * syslog-ng to the receiver's last byte; CPU seconds are both processes', peak RSS syslog-ng's.
     */
    private Report.Run syslogNg(Workload workload, Dataset data, LineIndex lines) throws Exception {
        Path work = options.work.resolve("syslog-ng");
        try (SyslogReceiver receiver = new SyslogReceiver(lines)) {
            long start = System.nanoTime();
            List<Process> pipeline = options.syslogNg.start(workload, data, receiver.port(), work);
            Process zcat = pipeline.get(0);
            Process syslogNg = pipeline.get(1);
            try (ProcessSampler zcatSampler = new ProcessSampler(zcat.pid());
                 ProcessSampler sampler = new ProcessSampler(syslogNg.pid())) {
                try {
                    receiver.awaitDistinct(data.expected(), STALL, LIMIT, "syslog-ng " + workload);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + "; received " + receiver.differences(data.selected())
                            + "; syslog-ng's output: " + Files.readString(work.resolve("syslog-ng.out")), e);
                }
                double seconds = (receiver.lastNanos() - start) / 1e9;
                if (!syslogNg.waitFor(60, TimeUnit.SECONDS) || syslogNg.exitValue() != 0 || zcat.waitFor() != 0) {
                    throw new IllegalStateException("syslog-ng did not end well: " + Files.readString(work.resolve("syslog-ng.out")));
                }
                zcatSampler.close();
                sampler.close();
                return new Report.Run("syslog-ng " + workload, data.lines(), seconds,
                        zcatSampler.cpuSeconds() + sampler.cpuSeconds(), sampler.peakRssBytes(), 0, verdict(receiver, data));
            } finally {
                pipeline.forEach(Process::destroyForcibly);
            }
        }
    }

    /**
     * Runs the reference on the dataset. With a warm-up longer than one line, the reference first
     * forwards the {@link #warmupFile warm-up file} in the same JVM and then waits for the dataset to
     * appear: its clock then runs, like Herald's, on a warm JVM from the file appearing. Otherwise
     * its clock runs from its process start.
     */
    private Report.Run reference(Workload workload, Dataset data) throws Exception {
        boolean warm = options.warmup > 1;
        Path input = warm ? options.work.resolve("reference-" + data.file().getFileName()) : data.file();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.heap, "-cp", System.getProperty("java.class.path"), ReferenceForwarder.class.getName(),
                workload.name(), input.toString()));
        WarmupFile warmup = warm ? warmupFile(workload) : null;
        if (warm) {
            Files.deleteIfExists(input);
        }
        try (SyslogReceiver receiver = new SyslogReceiver()) {
            command.add(Integer.toString(receiver.port()));
            if (warm) {
                command.add(warmup.file().toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(options.work.resolve("reference.out").toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            try (ProcessSampler sampler = new ProcessSampler(process.pid())) {
                double cpuBefore = 0;
                if (warm) {
                    long expected = warmup.selected();
                    Await.until(() -> receiver.messages() >= expected, BOOT, "the reference's warm-up messages");
                    receiver.reset();
                    cpuBefore = Distribution.cpuSeconds(process.pid());
                    start = System.nanoTime();
                    Files.createLink(input, data.file());
                }
                receiver.awaitDistinct(data.expected(), STALL, LIMIT, "reference " + workload);
                double seconds = (receiver.lastNanos() - start) / 1e9;
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("the reference did not end well: "
                            + Files.readString(options.work.resolve("reference.out")));
                }
                sampler.close();
                return new Report.Run("reference " + workload, data.lines(), seconds, sampler.cpuSeconds() - cpuBefore,
                        sampler.peakRssBytes(), 0, verdict(receiver, data));
            } finally {
                process.destroyForcibly();
                if (warm) {
                    Files.deleteIfExists(input);
                }
            }
        }
    }

    /**
     * Moves the file into the inbox and clocks until the receiver has every selected line; with a
     * {@code jfr} file (null for none), Karaf's JVM is recorded over the same span.
     */
    private Report.Run ingest(Distribution karaf, Dataset data, Path inbox, SyslogReceiver receiver, String what,
            Path jfr) throws Exception {
        Path staged = stage(karaf, data);
        if (jfr != null) {
            karaf.startRecording();
        }
        double cpuBefore = karaf.cpuSeconds();
        long start = System.nanoTime();
        Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        receiver.awaitDistinct(data.expected(), STALL, LIMIT, "Herald " + what);
        double seconds = (receiver.lastNanos() - start) / 1e9;
        double cpu = karaf.cpuSeconds() - cpuBefore;
        System.out.printf("Herald %s: the first message %.2f s after the file appeared%n", what,
                (receiver.firstNanos() - start) / 1e9);
        if (jfr != null) {
            karaf.stopRecording(jfr);
            System.out.println("JFR recording of the " + what + " ingest: " + jfr);
        }
        Thread.sleep(2000); // late duplicates would show in the verdict
        return new Report.Run("Herald " + what, data.lines(), seconds, cpu, karaf.peakRssBytes(), karaf.storeBytes(),
                verdict(receiver, data));
    }

    /**
     * The store's size once Herald has been idle {@code --settle} seconds after the last message
     * (counted from that message, so the 2 s the verdict waits are part of it): what its idle
     * housekeeping leaves, with every event still retained.
     */
    private long settledStoreBytes(Distribution karaf) throws Exception {
        Thread.sleep(Math.max(0, options.settleSeconds * 1000L - 2000));
        return karaf.storeBytes();
    }

    // ---- latency: pushed finding -> webhook, idle and during a bulk ingest ----

    private void latency() throws Exception {
        Workload workload = Workload.ILLUMIO;
        Dataset data = dataset(workload);
        Path keystore = options.work.resolve("https.p12");
        Files.deleteIfExists(keystore);
        Files.createDirectories(options.work);
        Distribution.run(options.work, Duration.ofMinutes(1), Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "herald", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
        String secret = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        int httpsPort = Distribution.freePort();
        try (SyslogReceiver receiver = new SyslogReceiver();
             WebhookReceiver hook = new WebhookReceiver();
             Distribution karaf = Distribution.unpack(options.distribution, options.work.resolve("latency"),
                     List.of("herald-sink-syslog", "herald-sink-webhook", "herald-source-securityhub"))) {
            Path web = karaf.home().resolve("etc/org.ops4j.pax.web.cfg");
            Files.writeString(web, Files.readString(web).replace("org.osgi.service.http.secure.enabled = false",
                    String.join("\n", "org.osgi.service.http.secure.enabled = true",
                            "org.osgi.service.http.port.secure = " + httpsPort,
                            "org.ops4j.pax.web.ssl.keystore = " + keystore,
                            "org.ops4j.pax.web.ssl.keystore.type = PKCS12",
                            "org.ops4j.pax.web.ssl.keystore.password = " + KEYSTORE_PASSWORD,
                            "org.ops4j.pax.web.ssl.key.password = " + KEYSTORE_PASSWORD,
                            "org.ops4j.pax.web.ssl.key.alias = herald")));
            Path inbox = fileSourceToSyslog(karaf, workload, receiver.port(), "bench");
            karaf.configure("dev.herald.source.securityhub-bench.cfg", "name = bench-push", "mode = push",
                    "path = /herald/securityhub/bench-push", "header_secret = " + secret);
            karaf.configure("dev.herald.sink.webhook-hook.cfg", "name = hook", "url = " + hook.url());
            karaf.configure("dev.herald.route-findings.cfg", "name = findings",
                    "pattern = {\"source\": [\"securityhub\"]}", "sinks = hook");
            startAndCheckHeap(karaf);
            FindingPusher pusher = new FindingPusher(URI.create("https://localhost:" + httpsPort + "/herald/securityhub/bench-push"),
                    secret, keystore, KEYSTORE_PASSWORD);
            long first = firstPush(pusher, karaf);
            Await.until(() -> hook.arrival(first) != null, BOOT, "the first pushed finding at the webhook");
            warmUp(karaf, workload, inbox, receiver);
            awaitQuiet(karaf);

            List<Long> idle = new ArrayList<>();
            for (int i = 0; i < options.pushes; i++) {
                long next = System.nanoTime() + PUSH_INTERVAL_MILLIS * 1_000_000;
                idle.add(pusher.push());
                pace(next);
            }
            Report.Latency idleLatency = latencies("idle", idle, pusher, hook);
            System.out.println(idleLatency);

            List<Long> busy = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean ingesting = new AtomicBoolean(true);
            Thread pushing = new Thread(() -> {
                try {
                    while (ingesting.get()) {
                        long next = System.nanoTime() + PUSH_INTERVAL_MILLIS * 1_000_000;
                        busy.add(pusher.push());
                        pace(next);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pusher");
            pushing.start();
            Report.Run run;
            try {
                run = ingest(karaf, data, inbox, receiver, "illumio during pushes", options.jfr("latency"));
            } finally {
                ingesting.set(false);
                pushing.join(60_000);
                pushing.interrupt();
            }
            System.out.println(run);
            Report.Latency busyLatency = latencies("during a " + data.lines() + "-line ingest", busy, pusher, hook);
            System.out.println(busyLatency);
            report.latency(idleLatency, busyLatency, run);
        }
    }

    /** Pushes until the endpoint is registered and takes the finding; returns its sequence number. */
    private static long firstPush(FindingPusher pusher, Distribution karaf) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            long seq = pusher.push();
            if (seq > 0) {
                return seq;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the push endpoint never answered 200: " + karaf.tail());
    }

    private static Report.Latency latencies(String what, List<Long> sequences, FindingPusher pusher, WebhookReceiver hook)
            throws InterruptedException {
        List<Long> sent;
        synchronized (sequences) {
            sent = sequences.stream().filter(s -> s > 0).toList();
        }
        Await.until(() -> sent.stream().allMatch(s -> hook.arrival(s) != null), Duration.ofMinutes(3),
                what + ": every pushed finding at the webhook");
        long[] millis = sent.stream().mapToLong(s -> (hook.arrival(s) - pusher.sentAt(s)) / 1_000_000).sorted().toArray();
        return new Report.Latency(what, millis.length, sequences.size() - sent.size(),
                percentile(millis, 50), percentile(millis, 99), millis.length == 0 ? 0 : millis[millis.length - 1]);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void pace(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    // ---- drain: N entries wait for a sink that is not configured, then it appears ----

    private void drain() throws Exception {
        Workload workload = Workload.ILLUMIO;
        Dataset data = dataset(workload);
        String fileName = data.file().getFileName().toString();
        try (SyslogReceiver probe = new SyslogReceiver();
             SyslogReceiver receiver = new SyslogReceiver();
             Distribution karaf = Distribution.unpack(options.distribution, options.work.resolve("drain"),
                     List.of("herald-sink-syslog"))) {
            Path inbox = karaf.home().resolve("bench-inbox");
            Files.createDirectories(inbox);
            karaf.configure("dev.herald.source.file-bench.cfg", "name = bench", "directory = " + inbox,
                    "poll_interval = 1", "settle_time = 200");
            karaf.configure("dev.herald.route-drain.cfg", "name = drain", "pattern = " + workload.pattern, "sinks = drain");
            // the file's last line, to the probe: when it arrives, every outbox entry is committed
            karaf.configure("dev.herald.sink.syslog-probe.cfg", syslogSink("probe", probe.port()));
            karaf.configure("dev.herald.route-probe.cfg", "name = probe",
                    "pattern = {\"id\": [{\"wildcard\": \"" + fileName + ":" + data.lines() + "@*\"}]}", "sinks = probe");
            startAndCheckHeap(karaf);
            Path staged = stage(karaf, data);
            Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> probe.bytes() > 0, LIMIT, "the probe of the file's last line: " + karaf.tail());
            Path jfr = options.jfr("drain");
            if (jfr != null) {
                karaf.startRecording();
            }
            double cpuBefore = karaf.cpuSeconds();
            long start = System.nanoTime();
            karaf.configure("dev.herald.sink.syslog-drain.cfg", syslogSink("drain", receiver.port()));
            receiver.awaitDistinct(data.expected(), STALL, LIMIT, "drain");
            double seconds = (receiver.lastNanos() - start) / 1e9;
            double cpu = karaf.cpuSeconds() - cpuBefore;
            if (jfr != null) {
                karaf.stopRecording(jfr);
                System.out.println("JFR recording of the drain: " + jfr);
            }
            Thread.sleep(2000);
            double sending = (receiver.lastNanos() - receiver.firstNanos()) / 1e9;
            Report.Run run = new Report.Run("Herald drain", data.expected(), seconds, cpu, karaf.peakRssBytes(),
                    karaf.storeBytes(), verdict(receiver, data));
            System.out.println(run);
            System.out.printf("Herald drain, first message to last: %,d in %.2f s = %,.0f/s%n", data.expected(), sending,
                    data.expected() / sending);
            report.drain(run, sending);
        }
    }

    // ---- shared steps ----

    private Dataset dataset(Workload workload) throws IOException {
        long start = System.nanoTime();
        Dataset data = Dataset.of(workload, options.seed, options.events, options.data);
        System.out.printf("%s: %,d lines, %,d raw bytes (%.0f B/line), %,d selected (%.1f%%), ready in %.1f s%n",
                data.file().getFileName(), data.lines(), data.rawBytes(), data.rawBytes() / (double) data.lines(),
                data.expected(), 100.0 * data.expected() / data.lines(), (System.nanoTime() - start) / 1e9);
        return data;
    }

    /** File source (inbox under the Karaf home) → route with the workload's rule → syslog sink. */
    private static Path fileSourceToSyslog(Distribution karaf, Workload workload, int port, String name) throws IOException {
        Path inbox = karaf.home().resolve("bench-inbox");
        Files.createDirectories(inbox);
        karaf.configure("dev.herald.sink.syslog-" + name + ".cfg", syslogSink(name, port));
        karaf.configure("dev.herald.route-" + name + ".cfg", "name = " + name, "pattern = " + workload.pattern, "sinks = " + name);
        karaf.configure("dev.herald.source.file-" + name + ".cfg", "name = " + name, "directory = " + inbox,
                "poll_interval = 1", "settle_time = 200");
        return inbox;
    }

    private static String[] syslogSink(String name, int port) {
        return new String[] {"name = " + name, "host = 127.0.0.1", "port = " + port, "transport = tcp",
                "framing = octet_counting", "header = rfc5424", "format = json"};
    }

    private void startAndCheckHeap(Distribution karaf) throws Exception {
        karaf.start(("-Xmx" + options.heap + " " + options.javaOptions).strip());
        long heap = karaf.maxHeapBytes();
        long wanted = Options.bytes(options.heap);
        if (heap != wanted) {
            throw new IllegalStateException("Karaf's JVM has a " + heap + "-byte heap, not the " + wanted + " asked for");
        }
        System.out.printf("Karaf started (%s), max heap %d MiB%n", karaf.home(), heap >> 20);
    }

    /** Waits for Karaf's boot to be over (see {@link Distribution#awaitQuiet}) and says how long that took. */
    private static void awaitQuiet(Distribution karaf) throws Exception {
        Distribution.Quiet quiet = karaf.awaitQuiet(Duration.ofSeconds(60));
        System.out.printf(quiet.reached() ? "Karaf quiet %.0f s after the warm-up%n"
                : "Karaf still busy %.0f s after the warm-up; measuring anyway%n", quiet.seconds());
    }

    /**
     * Ingests the {@link #warmupFile warm-up file}: its messages prove source, route, sink and
     * connection are up, and a longer one lets the JIT compile the path before the clock runs. The
     * receiver then forgets them.
     */
    private void warmUp(Distribution karaf, Workload workload, Path inbox, SyslogReceiver receiver) throws Exception {
        WarmupFile warmup = warmupFile(workload);
        Path staged = karaf.home().resolve("warmup.jsonl");
        Files.copy(warmup.file(), staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, inbox.resolve("warmup.jsonl"), StandardCopyOption.ATOMIC_MOVE);
        Await.until(() -> receiver.messages() >= warmup.selected(), BOOT, "the warm-up messages (Karaf: " + karaf.tail() + ")");
        receiver.reset();
    }

    /**
     * A file of {@code --warmup} lines (one by default) of which the rule selects one at least,
     * written line by line (a long one does not fit the bench's heap). Herald and the reference
     * both get it before their clock runs. Their ids name no line of the measured file
     * (CloudTrail: line 0; flows: another file).
     */
    private WarmupFile warmupFile(Workload workload) throws IOException {
        Path file = options.work.resolve("warmup-" + workload.source + ".jsonl");
        long selected = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (long k = 1; k <= options.warmup || selected == 0; k++) {
                LineGenerator.Line candidate = workload.generator.line(LineGenerator.streamOf(options.seed + 1, k), 0);
                if (candidate.matches() || options.warmup > 1) {
                    w.write(candidate.text());
                    w.write('\n');
                    selected += candidate.matches() ? 1 : 0;
                }
            }
        }
        return new WarmupFile(file, selected);
    }

    /** @param selected how many of its lines the rule selects */
    private record WarmupFile(Path file, long selected) {
    }

    /**
     * A copy of the dataset beside the inbox (same file system), ready to appear in it at once. The
     * copy keeps the dataset's modification time, as a finished file moved into the inbox does: a
     * fresh one would have the file source wait its {@code settle_time} first, for a file that may
     * still be being written, and the clock would time that wait.
     */
    private static Path stage(Distribution karaf, Dataset data) throws IOException {
        Path staged = karaf.home().resolve(data.file().getFileName());
        Files.copy(data.file(), staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return staged;
    }

    private static String verdict(SyslogReceiver receiver, Dataset data) {
        boolean exact = receiver.distinct() == data.expected() && receiver.duplicates() == 0 && receiver.unknown() == 0
                && receiver.differences(data.selected()).startsWith("missing 0 ");
        return exact ? "exact" : receiver.differences(data.selected());
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = String.join("\n",
                "usage: bench/run [--events N] [--seed S] [--pushes N] [--heap 256m] [--phases cloudtrail,illumio,latency,drain]",
                "                 [--warmup 1 (lines ingested before the clock runs)]",
                "                 [--pairs 1 (reference and Herald runs per throughput workload; the table shows the median pair)]",
                "                 [--settle 30 (seconds idle after the last message before the store is measured again; 0: not)]",
                "                 [--distribution karaf-assembly/target/herald-karaf-*.tar.gz] [--work bench/target/bench]",
                "                 [--jfr herald.jfr (flight recordings of Karaf while each phase is clocked: herald-illumio.jfr, ...)]",
                "                 [--java-options \"-Xlog:gc:file=gc.log\" (more options for Karaf's JVM, after -Xmx)]",
                "                 [--syslog-ng /usr/sbin/syslog-ng (also runs syslog-ng on each throughput dataset; see bench/syslog-ng-fetch)]");
        int events = 1_000_000;
        long seed = 42;
        int pushes = 200;
        /** Lines of a warm-up file ingested before each measured ingest. */
        int warmup = 1;
        /** Reference-then-Herald runs per throughput workload. */
        int pairs = 1;
        /** Seconds idle after the last message before the store's second reading; 0: none. */
        int settleSeconds = 30;
        String heap = "256m";
        List<String> phases = List.of("cloudtrail", "illumio", "latency", "drain");
        Path distribution;
        Path work = Path.of("bench/target/bench");
        Path data;
        /** Options for Karaf's JVM after the heap's, as an operator adds them (EXTRA_JAVA_OPTS). */
        String javaOptions = "";
        /** The file name flight recordings are named after (one per phase), or null for none. */
        Path jfr;
        /** syslog-ng to run beside the reference, or null for none. */
        SyslogNg syslogNg;

        static Options parse(String[] args) throws IOException {
            Options o = new Options();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 == args.length) {
                    throw new IllegalArgumentException("expected --option value, got " + Arrays.toString(args));
                }
                values.put(args[i].substring(2), args[++i]);
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "events" -> o.events = positive(e.getKey(), v);
                    case "seed" -> o.seed = Long.parseLong(v);
                    case "pushes" -> o.pushes = positive(e.getKey(), v);
                    case "warmup" -> o.warmup = positive(e.getKey(), v);
                    case "pairs" -> o.pairs = positive(e.getKey(), v);
                    case "heap" -> o.heap = v;
                    case "phases" -> o.phases = List.of(v.split(","));
                    case "distribution" -> o.distribution = Path.of(v);
                    case "work" -> o.work = Path.of(v);
                    case "jfr" -> o.jfr = Path.of(v).toAbsolutePath();
                    case "java-options" -> o.javaOptions = v;
                    case "settle" -> o.settleSeconds = Integer.parseInt(v);
                    case "syslog-ng" -> o.syslogNg = syslogNg(v);
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
                }
            }
            bytes(o.heap);
            o.work = o.work.toAbsolutePath();
            o.data = o.work.resolve("data");
            Files.createDirectories(o.work);
            if (o.distribution == null) {
                try (Stream<Path> files = Files.list(Path.of("karaf-assembly/target"))) {
                    o.distribution = files.filter(f -> f.getFileName().toString().matches("herald-karaf-.*\\.tar\\.gz"))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                    "no karaf-assembly/target/herald-karaf-*.tar.gz: build it first (mvn -B package -DskipTests)"));
                } catch (NoSuchFileException e) {
                    throw new IllegalArgumentException("no karaf-assembly/target: run the bench from the project root, after a build");
                }
            }
            return o;
        }

        /**
         * Where to write the flight recording of a phase ({@code herald.jfr}, phase {@code illumio}:
         * {@code herald-illumio.jfr}), or null when no recording was asked for.
         */
        Path jfr(String phase) {
            if (jfr == null) {
                return null;
            }
            String name = jfr.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String extension = dot > 0 ? name.substring(dot) : ".jfr";
            return jfr.resolveSibling(base + "-" + phase.toLowerCase(Locale.ROOT) + extension);
        }

        private static SyslogNg syslogNg(String executable) {
            Path path = Path.of(executable).toAbsolutePath();
            if (!Files.isExecutable(path) || !path.endsWith(Path.of("usr", "sbin", "syslog-ng"))) {
                throw new IllegalArgumentException("--syslog-ng takes the path of an executable .../usr/sbin/syslog-ng,"
                        + " not " + executable + " (bench/syslog-ng-fetch unpacks one without installing it)");
            }
            return new SyslogNg(path);
        }

        private static int positive(String name, String value) {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new IllegalArgumentException("--" + name + " must be positive, not " + value);
            }
            return n;
        }

        /** A JVM memory size ({@code 256m}, {@code 1g}) in bytes. */
        static long bytes(String size) {
            if (!size.matches("\\d+[kKmMgG]")) {
                throw new IllegalArgumentException("--heap takes a JVM size such as 256m, not " + size);
            }
            long n = Long.parseLong(size.substring(0, size.length() - 1));
            return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
                case 'k' -> n << 10;
                case 'm' -> n << 20;
                default -> n << 30;
            };
        }
    }
}
