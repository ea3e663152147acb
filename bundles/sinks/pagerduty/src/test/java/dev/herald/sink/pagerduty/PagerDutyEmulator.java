package dev.herald.sink.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.testkit.http.Exchanges;
import dev.herald.testkit.http.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for the Events API v2 that enforces its documented contract: POST to
 * /v2/enqueue, Content-Type application/json, the configured routing_key, a valid event_action,
 * a payload with summary (≤1024), source and a PagerDuty severity for a trigger, a dedup_key
 * (≤255) for acknowledge and resolve. It answers 202 with the dedup key, as PagerDuty does, or 400
 * "invalid event" listing every violation, and keeps the events it accepted.
 */
final class PagerDutyEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final HttpServer server;
    private final String routingKey;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();

    PagerDutyEmulator(String routingKey) {
        this.routingKey = routingKey;
        this.server = LoopbackServer.start(this::handle);
    }

    /** The base URL to configure as api_url. */
    String baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()).toString();
    }

    /** The events answered with 202, oldest first. */
    List<JsonNode> accepted() {
        return accepted;
    }

    /** Every violation the emulator answered with 400 or 404. */
    List<String> rejections() {
        return rejections;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals("/v2/enqueue")) {
            rejections.add("path " + exchange.getRequestURI().getPath());
            answer(exchange, 404, "{\"status\":\"not found\"}");
            return;
        }
        List<String> errors = new ArrayList<>();
        if (!exchange.getRequestMethod().equals("POST")) {
            errors.add("method must be POST, was " + exchange.getRequestMethod());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            errors.add("Content-Type must be application/json, was " + type);
        }
        JsonNode event = null;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            errors.add("body is not JSON");
        }
        if (event != null) {
            validate(event, errors);
        }
        if (!errors.isEmpty()) {
            rejections.addAll(errors);
            ObjectNode invalid = JSON.createObjectNode().put("status", "invalid event")
                    .put("message", "Event object is invalid");
            errors.forEach(invalid.putArray("errors")::add);
            answer(exchange, 400, JSON.writeValueAsString(invalid));
            return;
        }
        accepted.add(event);
        answer(exchange, 202, JSON.writeValueAsString(JSON.createObjectNode().put("status", "success")
                .put("message", "Event processed").put("dedup_key", event.path("dedup_key").asText())));
    }

    private void validate(JsonNode event, List<String> errors) {
        if (!routingKey.equals(event.path("routing_key").asText(null))) {
            errors.add("'routing_key' is invalid");
        }
        String action = event.path("event_action").asText("");
        if (!ACTIONS.contains(action)) {
            errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
        }
        String dedupKey = event.path("dedup_key").asText("");
        if (dedupKey.length() > 255) {
            errors.add("'dedup_key' is too long (max 255 characters)");
        }
        if (!action.equals("trigger")) {
            if (dedupKey.isEmpty()) {
                errors.add("'dedup_key' is missing or blank");
            }
            return;
        }
        JsonNode payload = event.path("payload");
        String summary = payload.path("summary").asText("");
        if (summary.isBlank()) {
            errors.add("'payload.summary' is missing or blank");
        } else if (summary.length() > 1024) {
            errors.add("'payload.summary' is too long (max 1024 characters)");
        }
        if (payload.path("source").asText("").isBlank()) {
            errors.add("'payload.source' is missing or blank");
        }
        if (!SEVERITIES.contains(payload.path("severity").asText(""))) {
            errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        Exchanges.answer(exchange, status, "application/json", body);
    }
}
