package dev.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One unpacked copy of the Herald distribution, run as {@code bin/karaf server} with a given heap:
 * the demo pipeline taken out, its ports moved to free ones so that it runs beside other copies,
 * configuration written as the operator would ({@code etc/*.cfg}), and what the operating system
 * knows about its JVM (CPU time, peak RSS, the heap it really got).
 */
final class Distribution implements AutoCloseable {
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final long CLOCK_TICKS = clockTicks();
    /** CPU seconds in a second under which Karaf counts as quiet (an idle Herald uses about 0.013). */
    private static final double QUIET_CPU_SECONDS = 0.1;

    private final Path home;
    private final int httpPort;
    private Process process;
    /** Kills Karaf if the harness itself is stopped (Ctrl-C), when no finally block runs. */
    private Thread killOnExit;
    private long jvmPid = -1;

    private Distribution(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    /**
     * Unpacks {@code tarball} into a fresh {@code directory}, removes the demo source and routes,
     * and moves the ssh, HTTP and JMX ports to free ones.
     *
     * @param features extra features to start at boot (e.g. {@code herald-sink-syslog})
     */
    static Distribution unpack(Path tarball, Path directory, List<String> features) throws IOException, InterruptedException {
        deleteTree(directory);
        Files.createDirectories(directory);
        run(directory, Duration.ofMinutes(2), "tar", "xzf", tarball.toAbsolutePath().toString());
        Path home;
        try (Stream<Path> dirs = Files.list(directory)) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("herald-karaf")).findFirst()
                    .orElseThrow(() -> new IOException(tarball + " holds no herald-karaf directory"));
        }
        Path etc = home.resolve("etc");
        try (Stream<Path> files = Files.list(etc)) {
            for (Path demo : files.filter(f -> f.getFileName().toString().matches("dev\\.herald\\..*demo.*\\.cfg")).toList()) {
                Files.delete(demo);
            }
        }
        int http = freePort();
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = " + freePort());
        replace(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + http);
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        if (!features.isEmpty()) {
            replace(etc.resolve("org.apache.karaf.features.cfg"), "featuresBoot = \\\n",
                    "featuresBoot = \\\n    " + String.join(", \\\n    ", features) + ", \\\n");
        }
        return new Distribution(home, http);
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return httpPort;
    }

    /** Writes {@code etc/<name>} at once (written aside, then moved), as a deployment tool would. */
    void configure(String name, String... lines) throws IOException {
        Path target = home.resolve("etc").resolve(name);
        Path partial = home.resolve(name + ".partial");
        Files.writeString(partial, String.join("\n", lines) + "\n");
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts {@code bin/karaf server} with {@code javaOptions} added to the JVM's options. */
    void start(String javaOptions) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        // Karaf 4.4's bin/inc appends EXTRA_JAVA_OPTS; it no longer reads JAVA_MAX_MEM
        builder.environment().put("EXTRA_JAVA_OPTS", javaOptions);
        process = builder.start();
        Process started = process;
        killOnExit = new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "kill-karaf");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Await.until(() -> findJvm().isPresent() || !process.isAlive(), Duration.ofSeconds(60), "Karaf's JVM to start");
        jvmPid = findJvm().orElseThrow(() -> new IllegalStateException("Karaf did not start: " + tail()));
    }

    /** How long {@link #awaitQuiet} waited, and whether the process was quiet at the end. */
    record Quiet(double seconds, boolean reached) {
    }

    /**
     * Waits until Karaf's JVM has used under a tenth of a core over a whole second: the boot's last
     * bundles started and the compiler done with them, as on a Herald that has been up a while.
     * Gives up after {@code limit}.
     */
    Quiet awaitQuiet(Duration limit) throws IOException, InterruptedException {
        return awaitQuiet(jvmPid, limit);
    }

    /** As {@link #awaitQuiet(Duration)}, for any process. */
    static Quiet awaitQuiet(long pid, Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        double before = cpuSeconds(pid);
        while (true) {
            Thread.sleep(1000);
            double now = cpuSeconds(pid);
            double waited = (System.nanoTime() - start) / 1e9;
            if (now - before < QUIET_CPU_SECONDS) {
                return new Quiet(waited, true);
            }
            if (waited > limit.toSeconds()) {
                return new Quiet(waited, false);
            }
            before = now;
        }
    }

    /** The JVM's maximum heap as it reports it ({@code jcmd VM.flags}). */
    long maxHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String flags = run(home, Duration.ofSeconds(60), jcmd.toString(), Long.toString(jvmPid), "VM.flags");
        Matcher m = MAX_HEAP.matcher(flags);
        if (!m.find()) {
            throw new IllegalStateException("jcmd VM.flags shows no MaxHeapSize: " + flags);
        }
        return Long.parseLong(m.group(1));
    }

    /** Starts a Java Flight Recorder recording (profile settings) in Karaf's JVM. */
    void startRecording() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recording {@link #startRecording} started and writes it to {@code file}. */
    void stopRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String[] line = new String[command.length + 2];
        line[0] = jcmd.toString();
        line[1] = Long.toString(jvmPid);
        System.arraycopy(command, 0, line, 2, command.length);
        return run(home, Duration.ofSeconds(60), line);
    }

    /** User and system CPU time of Karaf's JVM so far. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(jvmPid);
    }

    /** The JVM's peak resident set (VmHWM). */
    long peakRssBytes() throws IOException {
        return peakRssBytes(jvmPid);
    }

    /** The bytes of Herald's store on disk ({@code data/herald}). */
    long storeBytes() throws IOException {
        Path store = home.resolve("data/herald");
        if (!Files.isDirectory(store)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The end of Karaf's console output, for failure messages. */
    String tail() {
        try {
            String text = Files.readString(home.resolve("karaf.out"));
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    /** Kills Karaf's JVM and the script that started it, and waits for both. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private Optional<Long> findJvm() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.isAlive() && commandLine(p.pid()).contains("org.apache.karaf.main.Main"))
                .map(ProcessHandle::pid).findFirst();
    }

    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    static long peakRssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("/proc/" + pid + "/status has no VmHWM");
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IOException(file + " has no '" + from.strip() + "': has the distribution changed?");
        }
        Files.writeString(file, text.replace(from, to));
    }

    /** Runs a command to its end (at most {@code limit}) and returns its output; fails unless it exits with 0. */
    static String run(Path dir, Duration limit, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench-command", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + limit.toSeconds() + " s");
            }
            String output = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(run(Path.of("."), Duration.ofSeconds(10), "getconf", "CLK_TCK").trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
