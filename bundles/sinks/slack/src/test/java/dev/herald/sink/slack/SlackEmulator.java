package dev.herald.sink.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays Slack's Web API {@code chat.postMessage} on loopback: checks the bearer token, the
 * channel and the message against Block Kit's limits, and answers as Slack does: HTTP 200 with
 * {@code {"ok":true,…}}, or {@code {"ok":false,"error":"invalid_blocks"}} (and the reasons) for a
 * message Slack would refuse. It keeps the messages it accepted.
 */
final class SlackEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limits on a message (api.slack.com/reference/block-kit). */
    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD = 2000;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final int MAX_TEXT_OBJECT = 3000;
    static final int MAX_MESSAGE_TEXT = 40000;

    private final StubHttpServer server = StubHttpServer.http();
    private final String authorization;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    SlackEmulator(String token) {
        this.authorization = "Bearer " + token;
        server.respond(this::answer);
    }

    /** The Web API base URL to configure as api_url. */
    URI apiUrl() {
        return server.uri("/api");
    }

    List<JsonNode> accepted() {
        return accepted;
    }

    /** Why each refused request was refused. */
    List<String> refused() {
        return refused;
    }

    private Reply answer(Recorded r) {
        if (!r.uri().getPath().equals("/api/chat.postMessage") || !r.method().equals("POST")) {
            return refuse(404, "unknown_method", r.method() + " " + r.uri().getPath());
        }
        if (!authorization.equals(r.header("Authorization"))) {
            return refuse(200, "invalid_auth", "Authorization");
        }
        JsonNode message;
        try {
            message = JSON.readTree(r.bodyText());
        } catch (JsonProcessingException e) {
            return refuse(200, "invalid_json", e.getOriginalMessage());
        }
        if (!message.path("channel").isTextual() || message.path("channel").asText().isBlank()) {
            return refuse(200, "channel_not_found", "channel");
        }
        if (message.path("text").asText().length() > MAX_MESSAGE_TEXT) {
            return refuse(200, "msg_too_long", "text is " + message.path("text").asText().length() + " characters");
        }
        List<String> problems = violations(message);
        if (!problems.isEmpty()) {
            return refuse(200, "invalid_blocks", String.join("; ", problems));
        }
        accepted.add(message);
        return Reply.status(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763805600.000100\"}",
                "Content-Type", "application/json; charset=utf-8");
    }

    private Reply refuse(int status, String error, String why) {
        refused.add(error + ": " + why);
        ObjectNode answer = JSON.createObjectNode().put("ok", false).put("error", error);
        answer.putObject("response_metadata").putArray("messages").add("[ERROR] " + why);
        return Reply.status(status, answer.toString(), "Content-Type", "application/json; charset=utf-8");
    }

    /** What Slack would refuse in the message's {@code blocks}: each a sentence naming the block; empty when valid. */
    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        JsonNode blocks = message.path("blocks");
        if (blocks.isMissingNode()) {
            return problems;
        }
        if (!blocks.isArray()) {
            problems.add("blocks must be an array");
            return problems;
        }
        if (blocks.size() > MAX_BLOCKS) {
            problems.add("more than " + MAX_BLOCKS + " blocks");
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = "blocks[" + i + "] (" + block.path("type").asText() + ")";
            switch (block.path("type").asText()) {
                case "header" -> {
                    text(problems, where + ".text", block.path("text"), MAX_HEADER);
                    if (!block.at("/text/type").asText().equals("plain_text")) {
                        problems.add(where + ".text must be plain_text");
                    }
                }
                case "section" -> {
                    if (!block.has("text") && !block.has("fields")) {
                        problems.add(where + " needs text or fields");
                    }
                    if (block.has("text")) {
                        text(problems, where + ".text", block.path("text"), MAX_SECTION_TEXT);
                    }
                    ArrayNode fields = block.has("fields") ? (ArrayNode) block.path("fields") : JSON.createArrayNode();
                    if (fields.size() > MAX_FIELDS) {
                        problems.add(where + " has more than " + MAX_FIELDS + " fields");
                    }
                    for (int f = 0; f < fields.size(); f++) {
                        text(problems, where + ".fields[" + f + "]", fields.get(f), MAX_FIELD);
                    }
                }
                case "context" -> {
                    JsonNode elements = block.path("elements");
                    if (elements.isEmpty() || elements.size() > MAX_CONTEXT_ELEMENTS) {
                        problems.add(where + " needs 1 to " + MAX_CONTEXT_ELEMENTS + " elements");
                    }
                    for (int e = 0; e < elements.size(); e++) {
                        text(problems, where + ".elements[" + e + "]", elements.get(e), MAX_TEXT_OBJECT);
                    }
                }
                case "divider" -> { }
                default -> problems.add(where + ": a block type these templates do not use");
            }
        }
        return problems;
    }

    /** A text object: a type, non-empty text within {@code max} characters, no half of a surrogate pair. */
    private static void text(List<String> problems, String where, JsonNode text, int max) {
        String type = text.path("type").asText();
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            problems.add(where + " must be a plain_text or mrkdwn text object");
        }
        String value = text.path("text").asText("");
        if (value.isEmpty()) {
            problems.add(where + " must not be empty");
        }
        if (value.length() > max) {
            problems.add(where + " must be at most " + max + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            if (!paired) {
                problems.add(where + " holds half of a surrogate pair at " + i);
                break;
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
