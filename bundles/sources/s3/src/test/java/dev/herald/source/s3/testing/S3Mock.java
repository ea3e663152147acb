package dev.herald.source.s3.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adobe's S3Mock run as its own process from its executable jar (found by Maven, passed as the
 * {@code s3mock.jar} system property), on free loopback ports, with its store in a temporary
 * directory.
 */
public final class S3Mock implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private S3Mock(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static S3Mock start(Path root) throws IOException, InterruptedException {
        String jar = System.getProperty("s3mock.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property s3mock.jar does not name S3Mock's exec jar: " + jar);
        }
        int http = freePort();
        int https = freePort();
        Path log = Files.createTempFile("s3mock", ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "--server.address=127.0.0.1", "--server.port=" + https, "--com.adobe.testing.s3mock.httpPort=" + http,
                "--com.adobe.testing.s3mock.store.root=" + root, "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Mock mock = new S3Mock(process, http, log);
        mock.awaitStarted();
        return mock;
    }

    /** The HTTP endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitStarted() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            }
            try {
                client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
