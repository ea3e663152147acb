package dev.herald.sink.syslog.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real rsyslogd on loopback, listening on TCP and UDP (or TLS only), writing every message it
 * parsed as one JSON line ({@code %jsonmesg%}: pri, hostname, app-name, msgid, structured-data,
 * msg, …) to a file the test reads.
 */
public final class RsyslogServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** On the PATH, or in the sbin directories a non-root PATH often lacks. */
    private static final Path RSYSLOGD = Stream.concat(
                    Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                    Stream.of("/usr/sbin", "/sbin", "/usr/local/sbin"))
            .filter(d -> !d.isBlank()).map(d -> Path.of(d, "rsyslogd")).filter(Files::isExecutable)
            .findFirst().orElse(null);

    private final Path dir;
    private final Path config;
    private final Path output;
    private final int tcpPort;
    private final int udpPort;
    private Process process;

    private RsyslogServer(Path dir, String inputs, int tcpPort, int udpPort) throws IOException {
        this.dir = dir;
        this.tcpPort = tcpPort;
        this.udpPort = udpPort;
        this.output = dir.resolve("received.jsonl");
        this.config = dir.resolve("rsyslog.conf");
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(config, inputs + """
                template(name="dump" type="string" string="%jsonmesg%\\n")
                action(type="omfile" file="OUT" template="dump")
                """.replace("OUT", output.toString()));
    }

    /** Plain TCP (octet counting and LF framing) and UDP. */
    public static RsyslogServer plain(Path dir) throws IOException {
        int tcp = freeTcpPort();
        int udp = freeUdpPort();
        return new RsyslogServer(dir, global(dir, "") + """
                module(load="imtcp")
                module(load="imudp")
                input(type="imtcp" address="127.0.0.1" port="TCP")
                input(type="imudp" address="127.0.0.1" port="UDP")
                """.replace("TCP", Integer.toString(tcp)).replace("UDP", Integer.toString(udp)), tcp, udp).start();
    }

    /** TLS (RFC 5425) with the given server certificate, not asking for a client certificate. */
    public static RsyslogServer tls(Path dir, Path ca, Path cert, Path key) throws IOException {
        int tcp = freeTcpPort();
        return new RsyslogServer(dir, global(dir, " DefaultNetstreamDriverCAFile=\"" + ca + "\" DefaultNetstreamDriverCertFile=\""
                + cert + "\" DefaultNetstreamDriverKeyFile=\"" + key + "\"") + """
                module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
                input(type="imtcp" address="127.0.0.1" port="TCP")
                """.replace("TCP", Integer.toString(tcp)), tcp, -1).start();
    }

    private static String global(Path dir, String extra) {
        // control characters kept as received, so that the test sees exactly what was sent
        return "global(workDirectory=\"" + dir.resolve("work") + "\" maxMessageSize=\"64k\""
                + " parser.escapeControlCharactersOnReceive=\"off\"" + extra + ")\n";
    }

    /** The file holding every parsed message, one JSON line each. */
    public Path output() {
        return output;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int udpPort() {
        return udpPort;
    }

    /** Starts rsyslogd (again, on the same ports) and waits until it accepts TCP connections. */
    public RsyslogServer start() throws IOException {
        if (RSYSLOGD == null) {
            fail("rsyslogd is not installed: install rsyslog and rsyslog-gnutls (apt-get install rsyslog rsyslog-gnutls)");
        }
        File log = dir.resolve("rsyslogd.log").toFile();
        process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("rsyslogd exited at start: " + Files.readString(log.toPath()));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", tcpPort), 200);
                return this;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        close();
        fail("rsyslogd did not listen on 127.0.0.1:" + tcpPort + " within 15 s: " + Files.readString(log.toPath()));
        return this;
    }

    /** Waits (bounded) until {@code count} messages arrived, and returns them as rsyslog parsed them. */
    public List<JsonNode> await(int count) throws IOException {
        return await(count, m -> true);
    }

    /** Waits (bounded) until {@code count} messages {@code matching} arrived, and returns those. */
    public List<JsonNode> await(int count, Predicate<JsonNode> matching) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<JsonNode> received = received(matching);
        while (received.size() < count && System.nanoTime() < deadline) {
            sleep(20);
            received = received(matching);
        }
        if (received.size() < count) {
            fail("rsyslog received " + received.size() + " of " + count + " messages: " + received);
        }
        return received;
    }

    private List<JsonNode> received(Predicate<JsonNode> matching) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        if (Files.exists(output)) {
            // only whole lines: rsyslog may be writing the last one (a character of it, even) while it is read
            byte[] written = Files.readAllBytes(output);
            int end = written.length;
            while (end > 0 && written[end - 1] != '\n') {
                end--;
            }
            for (String line : new String(written, 0, end, StandardCharsets.UTF_8).split("\n")) {
                JsonNode message = line.isBlank() ? null : JSON.readTree(line);
                if (message != null && matching.test(message)) {
                    result.add(message);
                }
            }
        }
        return result;
    }

    /** Stops rsyslogd and waits for it to exit. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
