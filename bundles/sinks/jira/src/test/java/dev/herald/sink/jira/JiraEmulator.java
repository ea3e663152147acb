package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.testkit.http.Exchanges;
import dev.herald.testkit.http.LoopbackServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Jira's REST API, Cloud (v3) or Data Center (v2), enforcing what the sink
 * relies on: POST with JSON, the expected Authorization header, the JQL search at the deployment's
 * path, create-issue bodies with project, issue type, summary and a description that is an ADF doc
 * (v3) or a string (v2), and comment bodies of the same kind. It keeps the issues it created
 * (their labels and status), answers searches from them, and records every violation.
 */
final class JiraEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JQL = Pattern.compile(
            "project = \"([A-Z0-9_]+)\" AND labels = \"([^\"]+)\" AND statusCategory != Done");
    private static final Pattern COMMENT = Pattern.compile("/rest/api/[23]/issue/([A-Z0-9_]+-\\d+)/comment");

    private final HttpServer server;
    private final boolean cloud;
    private final String authorization;
    private final String project;
    private final Map<String, JsonNode> issues = new ConcurrentHashMap<>();
    private final Map<String, Boolean> done = new ConcurrentHashMap<>();
    private final List<JsonNode> comments = new CopyOnWriteArrayList<>();
    private final List<String> commented = new CopyOnWriteArrayList<>();
    private final List<String> searches = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    JiraEmulator(boolean cloud, String authorization, String project) {
        this.cloud = cloud;
        this.authorization = authorization;
        this.project = project;
        this.server = LoopbackServer.start(this::handle);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Created issues by key, each the create request's {@code fields}. */
    Map<String, JsonNode> issues() {
        return issues;
    }

    List<JsonNode> comments() {
        return comments;
    }

    /** The key of the issue each comment went to, in the order of {@link #comments()}. */
    List<String> commented() {
        return commented;
    }

    List<String> searches() {
        return searches;
    }

    List<String> violations() {
        return violations;
    }

    void resolve(String key) {
        done.put(key, true);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String api = cloud ? "/rest/api/3" : "/rest/api/2";
        String path = exchange.getRequestURI().getPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        List<String> errors = new ArrayList<>();
        if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"errorMessages\":[\"You are not authenticated. Authentication required to perform this operation.\"],\"errors\":{}}");
            violations.add("Authorization");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            errors.add("method " + exchange.getRequestMethod());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            errors.add("Content-Type " + type);
        }
        JsonNode body = JSON.readTree(bytes);
        Matcher comment = COMMENT.matcher(path);
        if (path.equals(api + (cloud ? "/search/jql" : "/search"))) {
            search(exchange, body, errors);
        } else if (path.equals(api + "/issue")) {
            create(exchange, body, errors);
        } else if (comment.matches() && path.startsWith(api)) {
            checkRichText(body.path("body"), "body", errors);
            if (!issues.containsKey(comment.group(1))) {
                errors.add("no issue " + comment.group(1));
            }
            if (fail(exchange, errors)) {
                return;
            }
            comments.add(body.path("body"));
            commented.add(comment.group(1));
            answer(exchange, 201, "{\"id\":\"10500\",\"self\":\"" + baseUrl() + path + "/10500\"}");
        } else {
            violations.add("path " + path);
            answer(exchange, 404, "{\"errorMessages\":[\"null for uri: " + path + "\"]}");
        }
    }

    private void search(HttpExchange exchange, JsonNode body, List<String> errors) throws IOException {
        String jql = body.path("jql").asText("");
        Matcher m = JQL.matcher(jql);
        if (!m.matches() || !m.group(1).equals(project)) {
            errors.add("jql " + jql);
        }
        if (fail(exchange, errors)) {
            return;
        }
        searches.add(jql);
        ObjectNode answer = JSON.createObjectNode();
        var found = answer.putArray("issues");
        issues.forEach((key, fields) -> {
            boolean labelled = false;
            for (JsonNode l : fields.path("labels")) {
                labelled |= l.asText().equals(m.group(2));
            }
            if (labelled && !done.getOrDefault(key, false)) {
                found.addObject().put("id", "100" + key.replaceAll("\\D", "")).put("key", key)
                        .put("self", baseUrl() + "/rest/api/2/issue/" + key);
            }
        });
        if (cloud) {
            answer.put("isLast", true);
        } else {
            answer.put("startAt", 0).put("maxResults", 1).put("total", found.size());
        }
        answer(exchange, 200, JSON.writeValueAsString(answer));
    }

    private void create(HttpExchange exchange, JsonNode body, List<String> errors) throws IOException {
        JsonNode fields = body.path("fields");
        if (!project.equals(fields.path("project").path("key").asText())) {
            answer(exchange, 400, "{\"errorMessages\":[],\"errors\":{\"project\":\"valid project is required\"}}");
            return;
        }
        if (fields.path("issuetype").path("name").asText("").isEmpty()) {
            errors.add("issuetype");
        }
        String summary = fields.path("summary").asText("");
        if (summary.isEmpty() || summary.length() > 255 || summary.contains("\n")) {
            errors.add("summary");
        }
        checkRichText(fields.path("description"), "description", errors);
        for (JsonNode label : fields.path("labels")) {
            if (label.asText().matches(".*\\s.*")) {
                errors.add("label with a space: " + label.asText());
            }
        }
        if (fail(exchange, errors)) {
            return;
        }
        String key = project + "-" + (issues.size() + 1);
        issues.put(key, fields);
        answer(exchange, 201, "{\"id\":\"1000" + issues.size() + "\",\"key\":\"" + key + "\",\"self\":\""
                + baseUrl() + "/rest/api/2/issue/1000" + issues.size() + "\"}");
    }

    private void checkRichText(JsonNode value, String field, List<String> errors) {
        if (!cloud) {
            if (!value.isTextual()) {
                errors.add(field + " must be a string (wiki markup) in v2");
            }
            return;
        }
        if (!value.path("type").asText().equals("doc") || value.path("version").asInt() != 1
                || !value.path("content").isArray() || value.path("content").isEmpty()) {
            errors.add(field + " must be an ADF doc with version 1");
            return;
        }
        for (JsonNode block : value.path("content")) {
            String type = block.path("type").asText();
            if (!type.equals("paragraph") && !type.equals("codeBlock")) {
                errors.add(field + " has a block of type " + type);
            }
            for (JsonNode inline : block.path("content")) {
                String t = inline.path("type").asText();
                if (!(t.equals("text") && !inline.path("text").asText().isEmpty()) && !t.equals("hardBreak")) {
                    errors.add(field + " has an invalid inline node " + inline);
                }
            }
        }
    }

    private boolean fail(HttpExchange exchange, List<String> errors) throws IOException {
        if (errors.isEmpty()) {
            return false;
        }
        violations.addAll(errors);
        ObjectNode answer = JSON.createObjectNode();
        errors.forEach(answer.putArray("errorMessages")::add);
        answer.putObject("errors");
        answer(exchange, 400, JSON.writeValueAsString(answer));
        return true;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        Exchanges.answer(exchange, status, "application/json;charset=UTF-8", body);
    }
}
