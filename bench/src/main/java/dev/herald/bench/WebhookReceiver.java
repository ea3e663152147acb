package dev.herald.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP receiver on loopback for Herald's webhook sink: notes when each pushed finding (by the
 * sequence number in its {@code Id}) first arrived, and answers 200.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final Pattern SEQUENCE = Pattern.compile("finding/bench-(\\d+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** {@link System#nanoTime()} when the finding with this sequence number first arrived, or null. */
    Long arrival(long sequence) {
        return arrivals.get(sequence);
    }

    int arrived() {
        return arrivals.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = SEQUENCE.matcher(body);
        if (m.find()) {
            arrivals.putIfAbsent(Long.parseLong(m.group(1)), now);
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
