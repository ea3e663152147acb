package dev.herald.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution this build assembled, unpacked into a directory of its own and run as an
 * operator runs it ({@code bin/karaf server}), for the tests that stop or kill Karaf itself, which
 * a Pax Exam container cannot survive. Its ports are moved off the defaults and off the Pax Exam
 * suite's.
 */
final class HeraldServer {
    private final Path home;
    private Process karaf;
    private Path log;

    private HeraldServer(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution under {@code work} and moves its ports. */
    static HeraldServer unpack(Path work) throws Exception {
        File tarball = new File(System.getProperty("herald.distribution"));
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        Path home;
        try (var dirs = Files.list(work)) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("herald-karaf")).findFirst().orElseThrow();
        }
        HeraldServer server = new HeraldServer(home);
        server.replace("org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = 18102");
        server.replace("org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = 18182");
        server.replace("org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = 11098");
        server.replace("org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = 44446");
        return server;
    }

    /** Writes {@code etc/<file>}, as an operator writes a .cfg file. */
    void writeEtc(String file, String... lines) throws IOException {
        Files.writeString(home.resolve("etc").resolve(file), String.join("\n", lines) + "\n");
    }

    /** Deletes the distribution's demo pipeline ({@code etc/dev.herald.*demo*.cfg}). */
    void removeDemo() throws IOException {
        try (var files = Files.list(home.resolve("etc"))) {
            for (Path demo : files.filter(f -> f.getFileName().toString().matches("dev\\.herald\\..*demo.*\\.cfg")).toList()) {
                Files.delete(demo);
            }
        }
    }

    /** Installs these features at every boot, before the distribution's own. */
    void bootFeatures(String... features) throws IOException {
        StringBuilder boot = new StringBuilder("featuresBoot = \\\n");
        for (String feature : features) {
            boot.append("    ").append(feature).append(", \\\n");
        }
        replace("org.apache.karaf.features.cfg", "featuresBoot = \\\n", boot.toString());
    }

    /** Starts Karaf; its console output goes to {@code log}. */
    void start(Path log) throws IOException {
        this.log = log;
        karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** {@code bin/stop}, as an operator or the service manager stops Karaf, and waits until it has ended. */
    void stop() throws Exception {
        run(home, home.resolve("bin/stop").toString());
        assertTrue("Karaf did not stop on bin/stop: " + tail(), karaf.waitFor(120, TimeUnit.SECONDS));
        for (ProcessHandle p : karaf.descendants().toList()) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /** {@code kill -9} of Karaf's JVM and the script that started it. */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = karaf.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        karaf.waitFor(30, TimeUnit.SECONDS);
    }

    /** The end of the console output of the last start, for failure messages. */
    String tail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void replace(String etcFile, String from, String to) throws IOException {
        Path file = home.resolve("etc").resolve(etcFile);
        String text = Files.readString(file);
        assertTrue(file + " has no '" + from + "'", text.contains(from));
        Files.writeString(file, text.replace(from, to));
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + " failed", 0, p.exitValue());
    }
}
