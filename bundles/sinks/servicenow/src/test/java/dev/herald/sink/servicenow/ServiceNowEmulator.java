package dev.herald.sink.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.testkit.http.Exchanges;
import dev.herald.testkit.http.LoopbackServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the Table API on one table that enforces its documented contract:
 * {@code Accept: application/json}, {@code Content-Type: application/json} on writes, the
 * configured Basic or Bearer credentials (401 otherwise), GET with {@code sysparm_query=
 * correlation_id=<key>}, POST on the table, PATCH on {@code /<table>/<sys_id>}; 404 "Invalid
 * table" for another table. It keeps the records it holds and every request line it served.
 */
final class ServiceNowEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String table;
    private final String authorization;
    private final Map<String, ObjectNode> records = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger(10001);
    private final Map<String, String> deletedSinceLookup = new HashMap<>();

    ServiceNowEmulator(String table, String authorization) {
        this.table = table;
        this.authorization = authorization;
        this.server = LoopbackServer.start(this::handle);
    }

    /** The instance URL to configure. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The records, by sys_id. */
    synchronized Map<String, ObjectNode> records() {
        return Map.copyOf(records);
    }

    /**
     * Makes the lookup of {@code correlationId} find {@code sysId}, a record deleted since (as
     * when someone deletes the incident between Herald's GET and its PATCH).
     */
    synchronized void deletedSinceLookup(String correlationId, String sysId) {
        deletedSinceLookup.put(correlationId, sysId);
    }

    /** "METHOD path" of every request, oldest first. */
    List<String> requests() {
        return requests;
    }

    /** Every contract violation answered with 4xx. */
    List<String> rejections() {
        return rejections;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        requests.add(method + " " + uri.getPath());
        String prefix = "/api/now/table/";
        if (!uri.getPath().startsWith(prefix)) {
            reject(exchange, 400, "path " + uri.getPath(), "Requested URI does not represent any resource");
            return;
        }
        String[] parts = uri.getPath().substring(prefix.length()).split("/", -1);
        if (!parts[0].equals(table)) {
            reject(exchange, 404, "table " + parts[0], "Invalid table " + parts[0]);
            return;
        }
        if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reject(exchange, 401, "authorization", "User Not Authenticated");
            return;
        }
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
            reject(exchange, 406, "Accept " + exchange.getRequestHeaders().getFirst("Accept"), "Not Acceptable");
            return;
        }
        Map<String, String> query = query(uri);
        if (method.equals("GET") && parts.length == 1) {
            String q = query.getOrDefault("sysparm_query", "");
            if (!q.startsWith("correlation_id=") || !"1".equals(query.get("sysparm_limit"))) {
                reject(exchange, 400, "query " + q, "Invalid query");
                return;
            }
            String key = q.substring("correlation_id=".length());
            ObjectNode out = JSON.createObjectNode();
            var result = out.putArray("result");
            if (deletedSinceLookup.containsKey(key)) {
                result.addObject().put("sys_id", deletedSinceLookup.remove(key)).put("number", "INC0000001");
            }
            records.values().stream().filter(r -> key.equals(r.path("correlation_id").asText()))
                    .limit(1).forEach(r -> result.add(fields(r, query)));
            answer(exchange, 200, out);
            return;
        }
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            reject(exchange, 415, "Content-Type " + exchange.getRequestHeaders().getFirst("Content-Type"),
                    "Unsupported Media Type");
            return;
        }
        JsonNode fields;
        try {
            fields = JSON.readTree(body);
        } catch (IOException e) {
            reject(exchange, 400, "body not JSON", "Exception while reading request");
            return;
        }
        if (!(fields instanceof ObjectNode object)) {
            reject(exchange, 400, "body not an object", "Exception while reading request");
            return;
        }
        if (method.equals("POST") && parts.length == 1) {
            String sysId = String.format("%032x", records.size() + 0xabc0L);
            ObjectNode record = object.deepCopy();
            record.put("sys_id", sysId).put("number", "INC00" + numbers.getAndIncrement());
            records.put(sysId, record);
            answer(exchange, 201, JSON.createObjectNode().set("result", fields(record, query)));
        } else if (method.equals("PATCH") && parts.length == 2) {
            ObjectNode record = records.get(parts[1]);
            if (record == null) {
                reject(exchange, 404, "no record " + parts[1], "No Record found");
                return;
            }
            record.setAll(object);
            answer(exchange, 200, JSON.createObjectNode().set("result", fields(record, query)));
        } else {
            reject(exchange, 405, method + " " + uri.getPath(), "Method not Supported");
        }
    }

    private static JsonNode fields(ObjectNode record, Map<String, String> query) {
        String wanted = query.get("sysparm_fields");
        if (wanted == null) {
            return record.deepCopy();
        }
        ObjectNode out = JSON.createObjectNode();
        for (String f : wanted.split(",")) {
            out.set(f, record.get(f));
        }
        return out;
    }

    private void reject(HttpExchange exchange, int status, String violation, String message) throws IOException {
        rejections.add(violation);
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).putNull("detail");
        error.put("status", "failure");
        answer(exchange, status, error);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        Exchanges.answer(exchange, status, "application/json;charset=UTF-8", JSON.writeValueAsBytes(body));
    }
}
