package dev.herald.sink.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.secret.Secrets;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.sink.ConfigRejections;
import dev.herald.testkit.sink.SinkConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSinkTest {
    static final String TOKEN = "tok-7c1e9a55d2";
    private static final String BODY = "{\"route\":\"iam-changes\",\"text\":\"créé \\\"x\\\"\"}";

    @AutoClose
    private final StubHttpServer server = StubHttpServer.http();

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static WebhookSink sink(Map<String, Object> properties) {
        return SinkConfig.of(WebhookSink.Config.class, properties).activate(WebhookSink.class, HttpClients.standalone());
    }

    private Map<String, Object> config(Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "siem", "url", server.uri("/ingest/herald").toString()), keyValues);
    }

    private static Notification notification() {
        Event event = Event.builder().id("ev-1").source("cloudtrail").instance("org-trail").type("CreateUser")
                .severity(Severity.HIGH).build();
        return new Notification(event, "iam-changes", "siem", Severity.HIGH, BODY, 2, "idem-42");
    }

    private DeliveryException failure(WebhookSink sink) {
        return assertThrows(DeliveryException.class, () -> sink.send(notification()));
    }

    @Test
    void anotherConfigurationsSecretReferenceIsRefusedNotResolved() throws Exception {
        // what service:list shows for a Slack sink's token, pasted into this webhook's token
        String slackReference = Secrets.conceal("dev.herald.sink.slack~secops", "token", "xoxb-slack-only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink(config(
                "service.pid", "dev.herald.sink.webhook~siem", "auth", "bearer", "token", slackReference)));
        assertEquals("webhook sink 'siem': token holds a secret reference issued for another configuration;"
                + " enter the secret itself or a $[secret:…]/$[env:…] reference", e.getMessage());

        String own = Secrets.conceal("dev.herald.sink.webhook~siem", "token", TOKEN);
        sink(config("service.pid", "dev.herald.sink.webhook~siem", "auth", "bearer", "token", own)).send(notification());
        assertEquals("Bearer " + TOKEN, server.take().header("Authorization"));
    }

    @Test
    void postsTheBodyWithHeadersTokenAndAVerifiableSignature() throws Exception {
        sink(config("auth", "bearer", "token", TOKEN, "hmac_secret", "shh-secret",
                "headers", new String[] {"X-Environment: production", "X-Team: secops"})).send(notification());

        Recorded r = server.take();
        assertEquals("POST", r.method());
        assertEquals("/ingest/herald", r.uri().getPath());
        assertEquals(BODY, r.bodyText());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("idem-42", r.header("Idempotency-Key"));
        assertEquals("Herald/dev", r.header("User-Agent"));
        assertEquals("Bearer " + TOKEN, r.header("Authorization"));
        assertEquals("production", r.header("X-Environment"));
        assertEquals("secops", r.header("X-Team"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("shh-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, r.header("X-Herald-Signature"));
    }

    @Test
    void putsWithBasicAuthAnotherContentTypeAndHeadersFromACfgString() throws Exception {
        sink(config("method", "put", "content_type", "text/plain; charset=utf-8", "auth", "basic",
                "username", "herald", "password", "pa:ss", "hmac_secret", "k", "hmac_header", "X-Hub-Signature-256",
                "headers", "X-A: 1\nX-B: two words")).send(notification());

        Recorded r = server.take();
        assertEquals("PUT", r.method());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
        String credentials = new String(Base64.getDecoder().decode(r.header("Authorization").substring("Basic ".length())),
                StandardCharsets.UTF_8);
        assertEquals("herald:pa:ss", credentials);
        assertEquals("1", r.header("X-A"));
        assertEquals("two words", r.header("X-B"));
        assertTrue(r.header("X-Hub-Signature-256").startsWith("sha256="));
        assertEquals(null, r.header("X-Herald-Signature"));
    }

    @Test
    void withoutAuthOrSecretNoCredentialHeadersAreSent() throws Exception {
        sink(config()).send(notification());
        Recorded r = server.take();
        assertEquals(null, r.header("Authorization"));
        assertEquals(null, r.header("X-Herald-Signature"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404})
    void clientErrorsArePermanentAndNameStatusUrlAndBodyButNotTheToken(int status) {
        server.reply(Reply.status(status, "{\"error\":\"rejected\",\"auth\":\"Bearer " + TOKEN + "\"}"));
        DeliveryException e = failure(sink(config("auth", "bearer", "token", TOKEN)));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("HTTP " + status + " from " + server.uri("/ingest/herald")
                + ": {\"error\":\"rejected\""), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException e = failure(sink(config("url", "http://127.0.0.1:" + closedPort + "/hook")));
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + closedPort), e.getMessage());
    }

    @Test
    void invalidSettingsFailActivationNamingTheProperty() {
        ConfigRejections.of(WebhookSinkTest::sink)
                .expect(config("name", ""), "webhook sink: name is required: routes refer to the sink by it")
                .expect(config("url", ""), "webhook sink 'siem': url is required: the http:// or https:// address"
                        + " to send to, e.g. https://siem.example.com/api/herald")
                .expect(config("url", "not a url"), "webhook sink 'siem': url 'not a url' is not a valid URL"
                        + " (Illegal character in path): write e.g. https://siem.example.com/api/herald")
                .expect(config("url", "ftp://files.example.com/x"), "webhook sink 'siem': url"
                        + " 'ftp://files.example.com/x' must be an http:// or https:// URL with a host, e.g."
                        + " https://siem.example.com/api/herald")
                .expect(config("url", "https://u:p@siem.example.com/"), "webhook sink 'siem': url must not"
                        + " carry credentials (user:password@): use auth = basic with username and password")
                .expect(config("method", "DELETE"), "webhook sink 'siem': method 'DELETE' is not supported:"
                        + " use POST or PUT")
                .expect(config("content_type", " "), "webhook sink 'siem': content_type is required: e.g."
                        + " application/json")
                .expect(config("auth", "oauth"), "webhook sink 'siem': auth 'oauth' is not supported: use"
                        + " none, bearer or basic")
                .expect(config("auth", "bearer"), "webhook sink 'siem': token is required for auth = bearer")
                .expect(config("token", TOKEN), "webhook sink 'siem': token is set but auth is none: set auth"
                        + " = bearer, or remove the token")
                .expect(config("auth", "bearer", "token", "abc\u0001def"), "webhook sink 'siem': token holds"
                        + " control or non-Latin-1 characters: paste it again")
                .expect(config("headers", "X-Team: sec\u0000ops"), "webhook sink 'siem': headers entry 'X-Team':"
                        + " the value holds control or non-Latin-1 characters, which a header cannot carry")
                .expect(config("auth", "basic", "username", "herald"), "webhook sink 'siem': username and"
                        + " password are required for auth = basic")
                .expect(config("headers", "X-Broken"), "webhook sink 'siem': headers entry 'X-Broken' is not"
                        + " 'Name: value', e.g. 'X-Environment: production'")
                .expect(config("headers", "Host: evil.example"), "webhook sink 'siem': headers entry 'Host':"
                        + " the HTTP client sets Host itself; remove it")
                .expect(config("headers", "content-type: text/xml"), "webhook sink 'siem': headers entry"
                        + " 'content-type': Herald sets Content-Type itself (from content_type); remove it")
                .expect(config("auth", "bearer", "token", "t", "headers", "Authorization: x"), "webhook sink"
                        + " 'siem': headers entry 'Authorization': Herald sets Authorization itself (from auth; set"
                        + " auth = none to send your own); remove it")
                .expect(config("hmac_secret", "k", "hmac_header", "bad header"), "webhook sink 'siem':"
                        + " hmac_header 'bad header' is not a header name, e.g. X-Herald-Signature")
                .assertAll();
    }

    @Test
    void anIdempotencyKeyThatCannotBeAHeaderIsAPermanentFailure() {
        Event event = Event.builder().id("ev-1").source("json").instance("i").build();
        Notification bad = new Notification(event, "r", "siem", Severity.LOW, "{}", 1, "key\nwith-break");
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(config()).send(bad));
        assertFalse(e.isRetryable());
        assertEquals(0, server.pending());
    }

    @Test
    void secretsNeverAppearInActivationErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink(config("auth", "basic", "password", "Pw-9f8e7d", "token", TOKEN)));
        assertFalse(e.getMessage().contains("Pw-9f8e7d") || e.getMessage().contains(TOKEN), e.getMessage());
    }
}
