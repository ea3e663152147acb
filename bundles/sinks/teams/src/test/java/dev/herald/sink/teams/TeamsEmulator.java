package dev.herald.sink.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.io.IOException;
import java.net.URI;

/**
 * Plays the two kinds of Teams webhook on loopback: checks each request against what Teams
 * accepts, and answers as Teams does (or as a test scripts it).
 */
final class TeamsEmulator implements AutoCloseable {
    static final String SIGNATURE = "Zq3vX9kLm2Pw8rT5yU1iO4aS7dF0gH6jK";
    static final String WORKFLOW_PATH = "/workflows/8c4b1e0f2d7a4e9b9f3c5a1d6e2b7f40/triggers/manual/paths/invoke";
    static final String CONNECTOR_SECRET = "IncomingWebhook/5f0d2b7c9e1a4c3b8d6e0f1a2b3c4d5e/7b1c9d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final String CONNECTOR_PATH = "/webhookb2/0e6a2f4c-1b3d-4e5f-9a8b-7c6d5e4f3a2b@72f988bf-86f1-41af-91ab-2d7cd011db47/"
            + CONNECTOR_SECRET;

    private final StubHttpServer server = StubHttpServer.http();

    /** A Workflows trigger URL, signed as Power Automate signs it. */
    URI workflowUrl() {
        return server.uri(WORKFLOW_PATH + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + SIGNATURE);
    }

    /** A legacy Office 365 connector URL: the path is the credential. */
    URI connectorUrl() {
        return server.uri(CONNECTOR_PATH);
    }

    /** Answers like a Workflows trigger: 202 Accepted, no body. */
    TeamsEmulator acceptLikeAWorkflow() {
        server.reply(Reply.status(202, ""));
        return this;
    }

    /** Answers like a legacy connector that posted the card: 200 with the body "1". */
    TeamsEmulator acceptLikeAConnector() {
        server.reply(Reply.status(200, "1"));
        return this;
    }

    TeamsEmulator reply(Reply reply) {
        server.reply(reply);
        return this;
    }

    int pending() {
        return server.pending();
    }

    /** The next request, checked as a Workflows trigger checks it; returns the card. */
    JsonNode takeAdaptiveCard() throws IOException {
        Recorded r = takePost(WORKFLOW_PATH);
        assertTrue(r.uri().getRawQuery().endsWith("sig=" + SIGNATURE), "the signature must reach Teams");
        JsonNode message = Cards.JSON.readTree(r.body());
        assertEquals("message", message.path("type").asText());
        assertEquals(1, message.path("attachments").size(), "exactly one card");
        JsonNode attachment = message.path("attachments").get(0);
        assertEquals(CardFormat.ADAPTIVE_CONTENT_TYPE, attachment.path("contentType").asText());
        JsonNode card = attachment.path("content");
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertTrue(Double.parseDouble(card.path("version").asText("0")) >= 1.4, "Teams needs Adaptive Cards 1.4+");
        assertTrue(card.path("body").isArray() && !card.path("body").isEmpty(), "a card with an empty body");
        return card;
    }

    /** The next request, checked as a legacy connector checks it; returns the MessageCard. */
    JsonNode takeMessageCard() throws IOException {
        Recorded r = takePost(CONNECTOR_PATH);
        JsonNode card = Cards.JSON.readTree(r.body());
        assertEquals("MessageCard", card.path("@type").asText());
        assertEquals("https://schema.org/extensions", card.path("@context").asText());
        assertFalse(card.path("summary").asText().isBlank() && card.path("text").asText().isBlank(),
                "summary or text is required");
        assertTrue(card.path("sections").isArray());
        return card;
    }

    private Recorded takePost(String path) {
        Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals(path, r.uri().getPath());
        assertEquals("application/json", r.header("Content-Type"));
        return r;
    }

    @Override
    public void close() {
        server.close();
    }
}
