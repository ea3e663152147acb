package dev.herald.sink.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.sink.ConfigRejections;
import dev.herald.testkit.sink.SinkConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TeamsSinkTest {
    @AutoClose
    private final TeamsEmulator teams = new TeamsEmulator();

    @TempDir
    Path etcTemplates;

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static TeamsSink sink(Map<String, Object> properties) {
        return SinkConfig.of(TeamsSink.Config.class, properties).activate(TeamsSink.class, HttpClients.standalone());
    }

    private Map<String, Object> workflow(Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "soc-teams", "webhook_url", teams.workflowUrl().toString()), keyValues);
    }

    private Map<String, Object> connector() {
        return new HashMap<>(Map.of("name", "legacy-teams", "webhook_url", teams.connectorUrl().toString(),
                "format", "messagecard"));
    }

    private static Notification notification(String body) {
        Event event = Cards.cloudtrail();
        return new Notification(event, "iam-alerts", "soc-teams", Severity.HIGH, body, 1, "key-1");
    }

    private Notification adaptive() throws Exception {
        return notification(Cards.render(Cards.cloudtrail(), Severity.HIGH, etcTemplates));
    }

    /** A body rendered from the MessageCard templates; from then on etc holds them, as documented. */
    private Notification messageCard() throws Exception {
        Path dir = Files.createDirectories(etcTemplates.resolve("teams"));
        Path copy = dir.resolve("cloudtrail.peb");
        if (!Files.exists(copy)) {
            Files.copy(Path.of("src/main/resources/templates/messagecard/cloudtrail.peb"), copy);
        }
        return notification(Cards.render(Cards.cloudtrail(), Severity.HIGH, etcTemplates));
    }

    private DeliveryException failure(TeamsSink sink, Notification n) {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(n));
        assertNoSecret(e.getMessage());
        return e;
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(TeamsEmulator.SIGNATURE), text);
        assertFalse(text.contains("5f0d2b7c9e1a4c3b8d6e0f1a2b3c4d5e"), text);
        assertFalse(text.contains("IncomingWebhook"), text);
    }

    @Test
    void postsEachKindOfRecordAsAnAdaptiveCardToAWorkflow() throws Exception {
        TeamsSink sink = sink(workflow());
        for (Event event : List.of(Cards.pce(), Cards.cloudtrail(), Cards.finding())) {
            teams.acceptLikeAWorkflow();
            sink.send(notification(Cards.render(event, event.severity(), etcTemplates)));
            assertFalse(teams.takeAdaptiveCard().path("body").isEmpty());
        }
    }

    @Test
    void aWorkflowMayAlsoAnswer200() throws Exception {
        teams.reply(Reply.status(200, ""));
        sink(workflow()).send(adaptive());
        teams.takeAdaptiveCard();
    }

    @Test
    void postsAMessageCardToALegacyConnector() throws Exception {
        teams.acceptLikeAConnector();
        sink(connector()).send(messageCard());
        assertEquals("OpenUri", teams.takeMessageCard().path("potentialAction").get(0).path("@type").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0",
        "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 400 with ContextId"
                + " MS-CV=Qh1BQ3m2"})
    void aConnectorErrorIn200IsPermanentAndQuoted(String teamsText) throws Exception {
        teams.reply(Reply.status(200, teamsText));
        DeliveryException e = failure(sink(connector()), messageCard());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains(teamsText), e.getMessage());
        assertTrue(e.getMessage().startsWith("Teams accepted the request (HTTP 200) but did not deliver the card"),
                e.getMessage());
    }

    @Test
    void aBadCardIsPermanentAndPointsAtTheTemplate() throws Exception {
        teams.reply(Reply.status(400, "{\"error\":{\"code\":\"TriggerInputSchemaMismatch\",\"message\":\"The input"
                + " body for trigger 'manual' of type 'Request' did not match its schema definition.\"}}"));
        DeliveryException e = failure(sink(workflow()), adaptive());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("TriggerInputSchemaMismatch"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(Teams rejected the card: check the template, and the format setting"
                + " against the kind of webhook)"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void aRevokedUrlIsPermanentAndSaysToCreateANewWorkflow(int status) throws Exception {
        teams.reply(Reply.status(status, "{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow"
                + " could not be found; sig=" + TeamsEmulator.SIGNATURE + "\"}}"));
        DeliveryException e = failure(sink(workflow()), adaptive());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("HTTP " + status + " from "), e.getMessage());
        assertTrue(e.getMessage().contains("create a new Teams workflow (or connector) and put its URL in"
                + " webhook_url"), e.getMessage());

        teams.reply(Reply.status(status, "Invalid webhook URL"));
        assertNoSecret(failure(sink(connector()), messageCard()).getMessage());
    }

    @Test
    void throttlingIsRetryableAfterTheServersDelay() throws Exception {
        teams.reply(Reply.status(429, "{\"error\":{\"code\":\"WorkflowRequestsThrottled\"}}", "Retry-After", "30"));
        DeliveryException e = failure(sink(workflow()), adaptive());
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetryable(int status) throws Exception {
        teams.reply(Reply.status(status, "upstream trouble"));
        assertTrue(failure(sink(connector()), messageCard()).isRetryable());
    }

    @Test
    void aRefusedConnectionIsRetryableAndHidesTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = teams.workflowUrl().toString().replaceFirst(":\\d+/", ":" + closedPort + "/");
        DeliveryException e = failure(sink(workflow("webhook_url", url)), adaptive());
        assertTrue(e.isRetryable());
    }

    @Test
    void aBodyOfTheWrongFormatIsNotSent() throws Exception {
        Notification adaptive = adaptive(); // before messageCard() puts MessageCard templates in etc
        DeliveryException e = failure(sink(workflow()), messageCard());
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("not sent to Teams: the rendered body is not a Teams message with"
                + " attachments (format = adaptive"), e.getMessage());

        e = failure(sink(connector()), adaptive);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("not sent to Teams: the rendered body is not a MessageCard"),
                e.getMessage());

        e = failure(sink(workflow()), notification("{\"type\":\"message\", broken"));
        assertTrue(e.getMessage().startsWith("not sent to Teams: the rendered body is not valid JSON"), e.getMessage());
        assertEquals(0, teams.pending());
    }

    @Test
    void invalidSettingsFailActivationNamingThePropertyButNotTheUrl() {
        ConfigRejections.of(TeamsSinkTest::sink)
                .expect(workflow("name", " "), "teams sink: name is required: routes refer to the sink by it")
                .expect(workflow("webhook_url", ""), "teams sink 'soc-teams': webhook_url is required: the URL"
                        + " of the Teams workflow's 'When a Teams webhook request is received' trigger (or of a"
                        + " legacy connector)")
                .expect(workflow("webhook_url", "https://prod.example.com/wf?sig=" + TeamsEmulator.SIGNATURE
                        + " x"), "teams sink 'soc-teams': webhook_url (not shown: it is a secret) is not a valid"
                        + " URL: copy it again")
                .expect(workflow("webhook_url", "http://prod-12.westeurope.logic.azure.com/workflows/x?sig="
                        + TeamsEmulator.SIGNATURE), "teams sink 'soc-teams': webhook_url (not shown: it is a secret) must be an https:// URL"
                        + " with a host (plain http is only accepted to this machine, for tests)")
                .expect(workflow("format", "card"), "teams sink 'soc-teams': format 'card' is not supported:"
                        + " use adaptive (a Workflows webhook) or messagecard (a legacy Office 365 connector)")
                .assertAll(TeamsSinkTest::assertNoSecret);
    }

    @Test
    void theDefaultsAreAnAdaptiveCardAndOneMessagePerSecond() {
        TeamsSink.Config config = SinkConfig.of(TeamsSink.Config.class).set(TeamsSink.Config::name, "soc-teams")
                .set(TeamsSink.Config::webhook__url, "https://example.com/x").get();
        assertEquals("adaptive", config.format());
        assertEquals(1, config.rate());
    }
}
