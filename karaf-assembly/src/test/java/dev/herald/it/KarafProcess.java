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
 * The distribution run as an operator runs it ({@code bin/karaf server}) in a directory of its
 * own, for the tests that pull the plug on it ({@code kill -9}) and start it again.
 */
final class KarafProcess {
    private KarafProcess() {
    }

    /** Unpacks the assembled distribution under {@code work}; returns its home. */
    static Path unpack(Path work) throws Exception {
        File tarball = new File(System.getProperty("herald.distribution"));
        run(work, "tar", "xzf", tarball.getAbsolutePath());
        try (var dirs = Files.list(work)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("herald-karaf")).findFirst().orElseThrow();
        }
    }

    /** Installs {@code features} at boot and moves the ports off those of a Herald running here. */
    static void prepare(Path karaf, String... features) throws IOException {
        Path etc = karaf.resolve("etc");
        Path boot = etc.resolve("org.apache.karaf.features.cfg");
        StringBuilder added = new StringBuilder("featuresBoot = \\\n");
        for (String f : features) {
            added.append("    ").append(f).append(", \\\n");
        }
        replace(boot, "featuresBoot = \\\n", added.toString());
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort = 8101", "sshPort = 18102");
        replace(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = 18182");
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort = 1099", "rmiRegistryPort = 11098");
        replace(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort = 44444", "rmiServerPort = 44446");
    }

    static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(file + " has no '" + from + "'", text.contains(from));
        Files.writeString(file, text.replace(from, to));
    }

    static Process start(Path karaf, Path log) throws IOException {
        return new ProcessBuilder(karaf.resolve("bin/karaf").toString(), "server").directory(karaf.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** {@code kill -9} of Karaf's JVM and the script that started it. */
    static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertTrue(String.join(" ", command) + " did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + " failed", 0, p.exitValue());
    }
}
