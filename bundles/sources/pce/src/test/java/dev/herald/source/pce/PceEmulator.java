package dev.herald.source.pce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Illumio PCE on loopback for tests: the events endpoint with timestamp[gte]/[lte] (both
 * inclusive) and max_results, the health endpoint, HTTP Basic checks, and scripted failures.
 */
final class PceEmulator implements AutoCloseable {
    static final String USER = "api_1a2b3c";
    static final String SECRET = "s3cr3t";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer to the next events request. */
    record Failure(int status, String body, String retryAfter) {
    }

    private final HttpServer server;
    private final List<ObjectNode> events = new ArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<URI> eventRequests = new ArrayList<>();
    private int healthRequests;
    private final String org;

    PceEmulator(int org) {
        this.org = "/api/v2/orgs/" + org + "/events";
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds an audit event at {@code time}; returns its href. */
    synchronized String add(Instant time, String type) {
        String href = "/orgs/1/events/" + UUID.randomUUID();
        ObjectNode e = JSON.createObjectNode().put("href", href).put("timestamp", time.toString())
                .put("event_type", type).put("status", "success").put("severity", "info")
                .put("pce_fqdn", "pce.example.com");
        e.putObject("created_by").putObject("system");
        events.add(e);
        return href;
    }

    /** Adds a raw record as is; one without a timestamp is in every window (e.g. one the recognizer rejects). */
    synchronized void addRaw(ObjectNode record) {
        events.add(record);
    }

    /** The next events request gets this instead of events. */
    synchronized void fail(int status, String body, String retryAfter) {
        failures.add(new Failure(status, body, retryAfter));
    }

    synchronized List<URI> eventRequests() {
        return List.copyOf(eventRequests);
    }

    synchronized int healthRequests() {
        return healthRequests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"error\":\"Authentication required\"}", null);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v2/health")) {
                synchronized (this) {
                    healthRequests++;
                }
                respond(exchange, 200, "[{\"status\":\"normal\"}]", null);
            } else if (path.equals(org)) {
                respond(exchange, 200, null, null);
            } else {
                respond(exchange, 404, "{\"error\":\"not found\"}", null);
            }
        }
    }

    private void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        if (status == 200 && body == null) {
            synchronized (this) {
                eventRequests.add(exchange.getRequestURI());
                Failure failure = failures.poll();
                if (failure != null) {
                    respond(exchange, failure.status(), failure.body(), failure.retryAfter());
                    return;
                }
                body = events(exchange.getRequestURI());
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private String events(URI uri) {
        Map<String, String> query = query(uri);
        Instant gte = Instant.parse(query.get("timestamp[gte]"));
        Instant lte = Instant.parse(query.get("timestamp[lte]"));
        int max = Integer.parseInt(query.getOrDefault("max_results", "100"));
        List<ObjectNode> selected = events.stream()
                .filter(e -> !e.has("timestamp") || !Instant.parse(e.get("timestamp").asText()).isBefore(gte)
                        && !Instant.parse(e.get("timestamp").asText()).isAfter(lte))
                .sorted(Comparator.comparing((ObjectNode e) -> e.path("timestamp").asText()).reversed())
                .limit(max)
                .toList();
        return JSON.createArrayNode().addAll(selected).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
