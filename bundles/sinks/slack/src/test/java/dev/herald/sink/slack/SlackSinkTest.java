package dev.herald.sink.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.sink.ConfigRejections;
import dev.herald.testkit.sink.SinkConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink against a stub that plays Slack: the Web API's chat.postMessage (bearer token, JSON
 * body with the channel, HTTP 200 with {@code {"ok":…}}, 429 with Retry-After) and incoming
 * webhooks (the URL is the secret, plain-text answers).
 */
class SlackSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    private static final String HOOK_PATH = "/services/T0A1B2C3D/B0E4F5G6H/q9W8e7R6t5Y4u3I2o1P0aSdF";
    private static final String BODY = "{\"channel\":\"#elsewhere\",\"text\":\"HIGH user.sign_in \\\"x\\\"\","
            + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*By*\\nmaria\"}}]}";
    private static final String OK = "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763805600.000100\","
            + "\"message\":{\"type\":\"message\",\"text\":\"HIGH\"}}";

    @AutoClose
    private final StubHttpServer server = StubHttpServer.http();

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static SlackSink sink(Map<String, Object> properties) {
        return SinkConfig.of(SlackSink.Config.class, properties).activate(SlackSink.class, HttpClients.standalone());
    }

    private Map<String, Object> api(Object... keyValues) {
        return with(new HashMap<>(Map.of("name", "secops", "token", TOKEN, "channel", "#secops",
                "api_url", server.uri("/api").toString())), keyValues);
    }

    private Map<String, Object> webhook(Object... keyValues) {
        return with(new HashMap<>(Map.of("name", "secops", "webhook_url", server.uri(HOOK_PATH).toString())),
                keyValues);
    }

    private static Map<String, Object> with(Map<String, Object> p, Object... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static Notification notification(String body) {
        Event event = Event.builder().id("ev-1").source("pce").instance("pce-prod").type("user.sign_in")
                .severity(Severity.HIGH).build();
        return new Notification(event, "secops-alerts", "secops", Severity.HIGH, body, 1, "idem-42");
    }

    private static DeliveryException failure(SlackSink sink) {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(notification(BODY)));
        assertFalse(e.getMessage().contains(TOKEN) || e.getMessage().contains("q9W8e7R6t5Y4u3I2o1P0aSdF"),
                e.getMessage());
        return e;
    }

    private static Reply slackError(String error) {
        return Reply.status(200, "{\"ok\":false,\"error\":\"" + error + "\"}", "Content-Type", "application/json");
    }

    @Test
    void postsTheMessageToChatPostMessageWithTheTokenAndTheConfiguredChannel() throws Exception {
        server.reply(Reply.status(200, OK, "Content-Type", "application/json; charset=utf-8"));
        sink(api()).send(notification(BODY));

        Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals("/api/chat.postMessage", r.uri().getPath());
        assertEquals("Bearer " + TOKEN, r.header("Authorization"));
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals("Herald/dev", r.header("User-Agent"));
        JsonNode sent = JSON.readTree(r.body());
        assertEquals("#secops", sent.path("channel").asText(), "the configured channel wins over the template's");
        assertEquals("HIGH user.sign_in \"x\"", sent.path("text").asText());
        assertEquals(JSON.readTree(BODY).path("blocks"), sent.path("blocks"));
    }

    @Test
    void anApiUrlWithATrailingSlashAndAnExplicitModeWork() throws Exception {
        server.reply(Reply.status(200, OK));
        sink(api("api_url", server.uri("/proxy/slack/api/").toString(), "mode", "api",
                "webhook_url", "https://hooks.slack.com/services/ignored")).send(notification(BODY));
        assertEquals("/proxy/slack/api/chat.postMessage", server.take().uri().getPath());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invalid_auth|the token is not valid: set token to the app's Bot User OAuth Token (xoxb-…)",
        "not_authed|no token reached Slack: set token to the app's Bot User OAuth Token (xoxb-…)",
        "account_inactive|the token belongs to a deactivated user or an uninstalled app: reinstall the app and set the new bot token",
        "token_revoked|the token is no longer valid: reinstall the app to the workspace and set the new bot token",
        "channel_not_found|the bot cannot see channel #secops: check the name or use the channel ID (C…); for a private channel, invite the bot first",
        "not_in_channel|invite the bot to #secops with /invite @herald (your app's bot name)",
        "is_archived|channel #secops is archived: unarchive it or set another channel",
        "msg_too_long|the message text is too long: shorten the template (the truncate filter helps)",
        "invalid_blocks|Slack rejected the template's blocks: check them in Block Kit Builder (section text at most 3000 characters, header 150, at most 10 fields)",
        "missing_scope|the app lacks the OAuth scope chat:write: add it under OAuth & Permissions, reinstall the app and set the new bot token",
        "some_future_error|see https://api.slack.com/methods/chat.postMessage#errors"})
    void slackErrorsThatNeedAnOperatorArePermanentAndSayWhatToDo(String error, String advice) {
        server.reply(slackError(error));
        DeliveryException e = failure(sink(api()));
        assertFalse(e.isRetryable());
        assertEquals("Slack chat.postMessage: " + error + ": " + advice, e.getMessage());
    }

    @Test
    void missingScopeNamesTheScopeSlackAsksFor() {
        server.reply(Reply.status(200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"chat:write.public\","
                + "\"provided\":\"chat:write\"}"));
        DeliveryException e = failure(sink(api()));
        assertTrue(e.getMessage().contains("lacks the OAuth scope chat:write.public"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
    void transientSlackErrorsAreRetryable(String error) {
        server.reply(slackError(error));
        DeliveryException e = failure(sink(api()));
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().startsWith("Slack chat.postMessage: " + error + ": "), e.getMessage());
    }

    @Test
    void rateLimitedWithHttp429IsRetryableAfterSlacksDelay() {
        server.reply(Reply.status(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "Retry-After", "30"));
        DeliveryException e = failure(sink(api()));
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
        assertTrue(e.getMessage().startsWith("Slack chat.postMessage: Slack allows about one message per second per"
                + " channel: lower rate if this persists (HTTP 429 from " + server.uri("/api/chat.postMessage")),
                e.getMessage());
    }

    @Test
    void aRatelimitedAnswerWithRetryAfterKeepsTheDelay() {
        server.reply(Reply.status(200, "{\"ok\":false,\"error\":\"ratelimited\"}", "Retry-After", "7"));
        DeliveryException e = failure(sink(api()));
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    }

    @Test
    void aServerErrorIsRetryable() {
        server.reply(Reply.status(503, "<html>upstream unavailable</html>"));
        assertTrue(failure(sink(api())).isRetryable());
    }

    @Test
    void anAnswerThatIsNotSlacksIsPermanentAndPointsAtApiUrl() {
        server.reply(Reply.status(200, "<html>corporate portal</html>"));
        DeliveryException e = failure(sink(api()));
        assertFalse(e.isRetryable());
        assertEquals("Slack chat.postMessage: the answer from 127.0.0.1 is not JSON: check api_url", e.getMessage());
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsPermanentAndNotSent() {
        SlackSink sink = sink(api());
        for (String body : List.of("HIGH user.sign_in", "[1,2]")) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(notification(body)));
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().startsWith("the rendered template is not a Slack message"), e.getMessage());
        }
        assertEquals(0, server.pending());
    }

    @Test
    void postsTheMessageUnchangedToTheIncomingWebhook() throws Exception {
        server.reply(Reply.status(200, "ok", "Content-Type", "text/html"));
        sink(webhook()).send(notification(BODY));

        Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals(HOOK_PATH, r.uri().getPath());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertNull(r.header("Authorization"));
        assertEquals(BODY, r.bodyText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400|invalid_payload|Slack could not read the body: check that the template produces valid Block Kit JSON",
        "400|no_text|the template produced neither text nor blocks",
        "403|action_prohibited|a workspace admin restricted posting to the webhook's channel",
        "403|invalid_token|the webhook URL is not valid (any more): create a new webhook and set webhook_url",
        "404|no_service|the webhook was removed or disabled: create a new one and set webhook_url",
        "404|channel_not_found|the webhook's channel was deleted: create a new webhook for another channel",
        "410|channel_is_archived|the webhook's channel is archived: unarchive it or create a webhook for another channel"})
    void webhookErrorsArePermanentExplainedAndHideTheUrl(int status, String answer, String advice) {
        server.reply(Reply.status(status, answer, "Content-Type", "text/html"));
        DeliveryException e = failure(sink(webhook()));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("Slack webhook: " + advice + " (HTTP " + status + " from "),
                e.getMessage());
        assertTrue(e.getMessage().contains(answer), e.getMessage());
        assertFalse(e.getMessage().contains("T0A1B2C3D") || e.getMessage().contains("B0E4F5G6H"), e.getMessage());
    }

    @Test
    void webhookRateLimitIsRetryableAfterSlacksDelay() {
        server.reply(Reply.status(429, "rate_limited", "Retry-After", "12"));
        DeliveryException e = failure(sink(webhook()));
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(12)), e.retryAfter());
    }

    @Test
    void webhookServerErrorIsRetryable() {
        server.reply(Reply.status(500, "rollup_error"));
        DeliveryException e = failure(sink(webhook()));
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().startsWith("Slack webhook: Slack failed; it usually recovers (HTTP 500"), e.getMessage());
    }

    @Test
    void explicitWebhookModeIgnoresTheBotSettings() throws Exception {
        server.reply(Reply.status(200, "ok"));
        sink(webhook("mode", "webhook", "token", TOKEN, "channel", "#secops")).send(notification(BODY));
        Recorded r = server.take();
        assertEquals(HOOK_PATH, r.uri().getPath());
        assertNull(r.header("Authorization"));
    }

    @Test
    void invalidSettingsFailActivationNamingTheProperty() {
        ConfigRejections.of(SlackSinkTest::sink)
                .expect(api("name", " "), "slack sink: name is required: routes refer to the sink by it")
                .expect(with(new HashMap<>(Map.of("name", "secops"))), "slack sink 'secops': set either token"
                        + " and channel (a bot token xoxb-…, Web API chat.postMessage) or webhook_url (an incoming"
                        + " webhook)")
                .expect(api("webhook_url", "https://hooks.slack.com/services/T/B/x"), "slack sink 'secops':"
                        + " both token and webhook_url are set: keep one of them, or set mode = api or mode = webhook"
                        + " to choose")
                .expect(api("mode", "rtm"), "slack sink 'secops': mode 'rtm' is not supported: use api,"
                        + " webhook, or leave it empty to infer it from token / webhook_url")
                .expect(api("channel", ""), "slack sink 'secops': channel is required with a bot token: a"
                        + " channel ID (C0123456789) or name (#secops)")
                .expect(api("channel", "sec ops"), "slack sink 'secops': channel 'sec ops' holds spaces or"
                        + " control characters: write a channel ID (C0123456789) or name (#secops)")
                .expect(api("token", "xoxb-12 34"), "slack sink 'secops': token holds spaces, control or"
                        + " non-ASCII characters: paste the Bot User OAuth Token (xoxb-…) again")
                .expect(api("mode", "api", "token", "https://hooks.slack.com/services/T/B/x"), "slack sink"
                        + " 'secops': token looks like a URL: an incoming webhook URL belongs in webhook_url")
                .expect(api("mode", "api", "token", ""), "slack sink 'secops': token is required with"
                        + " mode = api: the app's Bot User OAuth Token (xoxb-…)")
                .expect(api("api_url", "slack.com/api"), "slack sink 'secops': api_url 'slack.com/api' must be"
                        + " an http:// or https:// URL with a host, e.g. https://slack.com/api")
                .expect(api("api_url", "https://slack.com/api?x=1"), "slack sink 'secops': api_url"
                        + " 'https://slack.com/api?x=1' must have nothing after the path (no ?query or #fragment), e.g."
                        + " https://slack.com/api")
                .expect(webhook("webhook_url", "hooks.slack.com/services/T0/B0/secretpart"), "slack sink"
                        + " 'secops': webhook_url (not shown: it is a secret) must be an http:// or https:// URL with a"
                        + " host")
                .expect(webhook("webhook_url", "https://hooks slack.com/secretpart"), "slack sink 'secops':"
                        + " webhook_url (not shown: it is a secret) is not a valid URL: copy it again")
                .expect(webhook("mode", "webhook", "webhook_url", ""), "slack sink 'secops': webhook_url is"
                        + " required: the incoming webhook's URL, with mode = webhook")
                .expect(webhook("channel", "#secops"), "slack sink 'secops': channel is set but an incoming"
                        + " webhook always posts to the channel chosen when it was created: remove channel, or use a"
                        + " bot token (token)")
                .assertAll(message -> assertFalse(message.contains("secretpart") || message.contains(TOKEN), message));
    }
}
