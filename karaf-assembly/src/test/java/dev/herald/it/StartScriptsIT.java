package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The distribution started the ways a user starts it, by its own scripts (Pax Exam launches Karaf
 * its own way, without bin/setenv): {@code bin/karaf} as the README's first command, and the
 * systemd unit of {@code bin/contrib/herald.service}. Each proves the heap cap and collector
 * ({@code jcmd VM.flags}) and malloc arenas (the JVM's environment) the JVM really got, by default
 * or overridden, and a clean stop; the unit also passes {@code systemd-analyze verify}.
 */
public class StartScriptsIT {
    private static final long MB = 1024 * 1024;
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private Path home;
    private Process karaf;

    @Before
    public void unpack() throws Exception {
        File tarball = new File(System.getProperty("herald.distribution",
                "target/herald-karaf-" + System.getProperty("project.version") + ".tar.gz"));
        assertTrue("no Herald distribution at " + tarball + ": run through Maven (mvn verify)", tarball.isFile());
        Path into = Path.of("target", "start-scripts").toAbsolutePath();
        deleteRecursively(into);
        Files.createDirectories(into);
        run(List.of("tar", "-xzf", tarball.getAbsolutePath(), "-C", into.toString()), Duration.ofSeconds(60));
        try (Stream<Path> top = Files.list(into)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // off the default ports (the same as the Pax Exam suite's), so a Herald running here does not collide
        set("etc/org.apache.karaf.shell.cfg", "sshPort", "18101");
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "18181");
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099");
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445");
    }

    @After
    public void stopLeftovers() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            karaf.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        }
        Path pidFile = home == null ? null : home.resolve("karaf.pid");
        if (pidFile != null && Files.isRegularFile(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** README: the first command leaves you at Herald's prompt, with the default heap cap, collector and arenas; bin/stop stops it. */
    @Test
    public void binKarafShowsHeraldsPromptCapsTheHeapAndStopsOnBinStop() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString()).directory(home.toFile());
        builder.environment().remove("HERALD_HEAP");
        builder.environment().remove("EXTRA_JAVA_OPTS");
        builder.redirectErrorStream(true);
        karaf = builder.start();
        Output console = new Output(karaf.getInputStream());

        Await.until(START, () -> console.text().contains("herald@root()> "),
                () -> "no herald@root()> prompt; bin/karaf printed:\n" + console.text());

        assertFalse("the welcome shows an unresolved placeholder:\n" + console.text(), console.text().contains("${"));
        long jvm = jvmPid();
        assertEquals("default heap cap of bin/setenv", 384 * MB, maxHeap(jvm));
        String flags = flags(jvm);
        assertTrue("bin/setenv's collector: " + flags, flags.contains("-XX:+UseParallelGC"));
        assertTrue("bin/setenv's fixed generations: " + flags, flags.contains("-XX:-UseAdaptiveSizePolicy"));
        assertEquals("bin/setenv's young generation, three eighths of the heap", 144 * MB, Long.parseLong(flag(flags, "NewSize")));
        assertEquals("bin/setenv's young generation, three eighths of the heap", 144 * MB, Long.parseLong(flag(flags, "MaxNewSize")));
        assertEquals("bin/setenv's survivor space", "3", flag(flags, "SurvivorRatio"));
        assertEquals("bin/setenv's inlining limit for hot methods", "60", flag(flags, "FreqInlineSize"));
        assertEquals("bin/setenv's inlining limit for compiled methods", "1000", flag(flags, "InlineSmallCode"));
        assertEquals("bin/setenv's malloc arenas", "2", environment(jvm).get("MALLOC_ARENA_MAX"));

        // a console on a pipe is a dumb terminal that does not take typed commands reliably: Karaf's own stop script
        Result stop = run(List.of(home.resolve("bin/stop").toString()), STOP);
        assertEquals(stop.output, 0, stop.exit);
        assertTrue("bin/karaf did not stop on bin/stop:\n" + console.text(),
                karaf.waitFor(STOP.toSeconds(), TimeUnit.SECONDS));
        assertEquals(console.text(), 0, karaf.exitValue());
        Await.until(STOP, () -> ProcessHandle.of(jvm).isEmpty(), () -> "the JVM " + jvm + " still runs");
    }

    /**
     * The unit's ExecStart, with its HERALD_HEAP, EXTRA_JAVA_OPTS and MALLOC_ARENA_MAX overridden as
     * /etc/default/herald would: the main process is the JVM, it gets that heap, collector and
     * arenas, and the unit's KillSignal stops it with a status the unit counts as success.
     */
    @Test
    public void theSystemdUnitsCommandHonoursTheOverridesAndStopsCleanlyOnItsKillSignal() throws Exception {
        Map<String, String> unit = unit();
        assertEquals("SIGTERM", unit.get("KillSignal"));
        assertTrue(unit.get("SuccessExitStatus"), List.of(unit.get("SuccessExitStatus").split(" ")).contains("143"));
        assertTrue(unit.get("Environment"), unit.get("Environment").startsWith("HERALD_HEAP="));
        String execStart = unit.get("ExecStart").replace("/opt/herald", home.toString());

        ProcessBuilder builder = new ProcessBuilder(execStart.split(" ")).directory(home.toFile());
        builder.environment().put("HERALD_HEAP", "256m");
        builder.environment().put("EXTRA_JAVA_OPTS", "-XX:+UseG1GC -XX:FreqInlineSize=325 -XX:InlineSmallCode=2500");
        builder.environment().put("MALLOC_ARENA_MAX", "4");
        builder.redirectErrorStream(true);
        karaf = builder.start();
        Output out = new Output(karaf.getInputStream());

        // Herald is up once the dispatcher has found the demo's log sink
        Path log = home.resolve("data/log/karaf.log");
        Await.until(START, () -> read(log).contains("Sink console (log) is present"),
                () -> "Herald did not start:\n" + out.text() + "\n" + read(log));
        assertEquals("the process systemd watches is the JVM", karaf.pid(), jvmPid());
        assertEquals(256 * MB, maxHeap(karaf.pid()));
        String flags = flags(karaf.pid());
        assertTrue("the collector of EXTRA_JAVA_OPTS: " + flags, flags.contains("-XX:+UseG1GC")
                && !flags.contains("-XX:+UseParallelGC"));
        assertEquals("the inlining limit of EXTRA_JAVA_OPTS", "325", flag(flags, "FreqInlineSize"));
        assertEquals("the compiled-method inlining limit of EXTRA_JAVA_OPTS", "2500", flag(flags, "InlineSmallCode"));
        assertFalse("the parallel collector's fixed generations are not given to another collector: " + flags,
                flags.contains("-XX:-UseAdaptiveSizePolicy"));
        assertEquals("bin/setenv's survivor space for G1", "4", flag(flags, "SurvivorRatio"));
        assertEquals("bin/setenv's survivor fill for G1", "90", flag(flags, "TargetSurvivorRatio"));
        assertEquals("bin/setenv's time goal for G1", "7", flag(flags, "GCTimeRatio"));
        assertEquals("MALLOC_ARENA_MAX of the environment", "4", environment(karaf.pid()).get("MALLOC_ARENA_MAX"));

        karaf.destroy(); // SIGTERM, the unit's KillSignal
        assertTrue("the JVM did not stop on SIGTERM within the unit's timeout:\n" + out.text(),
                karaf.waitFor(STOP.toSeconds(), TimeUnit.SECONDS));
        List<String> success = new ArrayList<>(List.of("0"));
        success.addAll(List.of(unit.get("SuccessExitStatus").split(" ")));
        assertTrue(karaf.exitValue() + " is not a clean stop for the unit:\n" + out.text(),
                success.contains(Integer.toString(karaf.exitValue())));
        // the shutdown hook stopped the framework in order: pax-logging, among the first bundles, stops last
        String text = read(log);
        assertTrue("Karaf was not stopped in order; its log ends:\n" + text.substring(Math.max(0, text.length() - 2000)),
                text.contains("Disabling Java Util Logging API support"));
    }

    /** systemd's own check of the unit: syntax, known settings, an executable ExecStart. */
    @Test
    public void theSystemdUnitVerifies() throws Exception {
        assumeTrue("systemd-analyze is not installed (./test.sh installs it)", onPath("systemd-analyze"));
        String text = Files.readString(home.resolve("bin/contrib/herald.service"));
        Path unitDir = Files.createDirectories(home.resolve("data/tmp/unit"));
        Path unit = unitDir.resolve("herald.service");
        // where the test unpacked the distribution, instead of /opt/herald
        Files.writeString(unit, text.replace("/opt/herald", home.toString()));

        Result verify = run(List.of("systemd-analyze", "verify", unit.toString()), Duration.ofSeconds(60));
        assertEquals(verify.output, 0, verify.exit);
        assertEquals("systemd-analyze warns", "", verify.output.strip());
        Map<String, String> settings = unit();
        assertEquals("on-failure", settings.get("Restart"));
        assertEquals("herald", settings.get("User"));
        assertTrue(settings.get("ExecStart"), settings.get("ExecStart").startsWith("/opt/herald/bin/"));
    }

    private Map<String, String> unit() throws IOException {
        Map<String, String> settings = new java.util.HashMap<>();
        for (String line : Files.readAllLines(home.resolve("bin/contrib/herald.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return settings;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private long jvmPid() throws IOException {
        Path pidFile = home.resolve("karaf.pid");
        Await.until(START, () -> Files.isRegularFile(pidFile), () -> "no karaf.pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** The JVM's own MaxHeapSize, as jcmd reports it. */
    private static long maxHeap(long pid) throws Exception {
        return Long.parseLong(flag(flags(pid), "MaxHeapSize"));
    }

    /** The JVM's flags, as {@code jcmd VM.flags} reports them. */
    private static String flags(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Result flags = run(List.of(jcmd, Long.toString(pid), "VM.flags"), Duration.ofSeconds(60));
        assertEquals("jcmd VM.flags: " + flags.output, 0, flags.exit);
        return flags.output;
    }

    /** The value of {@code -XX:name=value} in {@code flags}. */
    private static String flag(String flags, String name) {
        Matcher m = Pattern.compile("-XX:" + name + "=(\\S+)").matcher(flags);
        assertTrue("no " + name + " in " + flags, m.find());
        return m.group(1);
    }

    /** The environment the JVM was started with. */
    private static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private void set(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(line -> line.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Output output = new Output(process.getInputStream());
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout.toSeconds() + " s: " + output.text());
        }
        output.reader.join(timeout.toMillis());
        return new Result(process.exitValue(), output.text());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Collects what a process prints, on a thread of its own, without terminal escapes. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "start-scripts-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (bytes) {
                return ANSI.matcher(bytes.toString(StandardCharsets.UTF_8)).replaceAll("");
            }
        }
    }
}
