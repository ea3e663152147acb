package dev.herald.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSenderTest {
    private static final String TOKEN = "s3cr3t-t0ken-value";

    private final StubHttpServer server = StubHttpServer.http();
    private final HttpSender sender = HttpClients.standalone().create(HttpSettings.builder("sink test/one")
            .userAgent("Herald/test").readTimeout(Duration.ofMillis(500)).build());

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    private HttpFailure failure(HttpRequest request) {
        return assertThrows(HttpFailure.class, () -> sender.send(request));
    }

    @Test
    void a2xxResponseIsReturnedWithItsBodyAndTheRequestCarriesTheUserAgent() throws HttpFailure {
        server.reply(Reply.status(201, "{\"id\":7}"));
        HttpResponse<String> response = sender.send(post("/hook"));
        assertEquals(201, response.statusCode());
        assertEquals("{\"id\":7}", response.body());
        assertEquals("Herald/test", server.take().header("User-Agent"));
    }

    @Test
    void aRequestsOwnUserAgentWins() throws HttpFailure {
        sender.send(HttpRequest.newBuilder(server.uri("/")).header("User-Agent", "Mine/1").build());
        assertEquals("Mine/1", server.take().header("User-Agent"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 415, 422, 501})
    void clientErrorsAnd501ArePermanentWithStatusUrlAndBody(int status) {
        server.reply(Reply.status(status, "{\"error\":\"nope\"}"));
        HttpFailure f = failure(post("/path/x?key=abc123&v=2"));
        assertFalse(f.isRetryable());
        assertEquals(status, f.status().orElseThrow());
        String prefix = "HTTP " + status + " from " + server.uri("/path/x") + "?key=…&v=…: {\"error\":\"nope\"} — ";
        assertTrue(f.getMessage().startsWith(prefix), f.getMessage());
        assertEquals("{\"error\":\"nope\"}", f.responseBody());
        DeliveryException d = f.toDeliveryException();
        assertFalse(d.isRetryable());
        assertEquals(f.getMessage(), d.getMessage());
    }

    @Test
    void aReasonSaysWhatToCheck() {
        server.reply(Reply.status(401, "bad token"));
        assertEquals("HTTP 401 from " + server.uri("/a") + ": bad token — check the credentials (token, or"
                + " username and password)", failure(post("/a")).getMessage());
        server.reply(Reply.status(404, ""));
        assertEquals("HTTP 404 from " + server.uri("/a") + " (empty body) — check the URL",
                failure(post("/a")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void overloadAndServerErrorsAreRetryable(int status) {
        server.reply(Reply.status(status, "busy"));
        HttpFailure f = failure(post("/"));
        assertTrue(f.isRetryable());
        assertEquals(Optional.empty(), f.retryAfter());
        assertTrue(f.toDeliveryException().isRetryable());
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        server.reply(Reply.status(429, "slow down", "Retry-After", "42"));
        HttpFailure f = failure(post("/"));
        assertEquals(Optional.of(Duration.ofSeconds(42)), f.retryAfter());
        assertTrue(f.getMessage().endsWith("(Retry-After: 42 s)"), f.getMessage());
        DeliveryException d = f.toDeliveryException();
        assertTrue(d.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(42)), d.retryAfter());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        server.reply(Reply.status(503, "maintenance", "Retry-After", inTwoMinutes));
        Duration wait = failure(post("/")).retryAfter().orElseThrow();
        assertTrue(wait.compareTo(Duration.ofSeconds(100)) > 0 && wait.compareTo(Duration.ofSeconds(120)) <= 0,
                wait.toString());
    }

    @Test
    void aRedirectIsNotFollowedAndNamesTheNewLocation() {
        server.reply(Reply.status(301, "", "Location", "/moved?sig=abcdef"));
        HttpFailure f = failure(post("/old"));
        assertFalse(f.isRetryable());
        assertTrue(f.getMessage().contains("to " + server.uri("/moved") + "?sig=…: configure the final URL"),
                f.getMessage());
        assertEquals(1, server.pending());
    }

    @Test
    void credentialsTheServerEchoesAreBlankedOut() {
        server.reply(Reply.status(401, "token Bearer " + TOKEN + " rejected; key=abc123"));
        HttpFailure f = failure(post("/p?key=abc123"));
        assertFalse(f.getMessage().contains(TOKEN), f.getMessage());
        assertFalse(f.getMessage().contains("abc123"), f.getMessage());
        assertTrue(f.getMessage().contains("token **** rejected; key=****"), f.getMessage());
    }

    @Test
    void aUrlWhosePathIsTheSecretIsShownWithoutIt() {
        HttpSender hiding = HttpClients.standalone().create(HttpSettings.builder("sink slack/x").redactUrlPath(true).build());
        server.reply(Reply.status(404, "no_team T0/B0/XyZsecret"));
        HttpFailure f = assertThrows(HttpFailure.class, () -> hiding.send(post("/services/T0/B0/XyZsecret")));
        assertEquals("HTTP 404 from " + server.uri("/…") + ": no_team T0/B0/**** — check the URL", f.getMessage());
    }

    @Test
    void aLongErrorBodyIsTruncatedToAbout2KbOnOneLine() {
        server.reply(Reply.status(500, "line\n".repeat(2000)));
        HttpFailure f = failure(post("/"));
        assertTrue(f.getMessage().length() < 2300, "length " + f.getMessage().length());
        assertTrue(f.responseBody().endsWith("… (10000 bytes, truncated)"), f.responseBody());
        assertFalse(f.getMessage().contains("\n"));
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsRetryable() {
        server.reply(Reply.hang());
        HttpFailure f = failure(post("/slow"));
        assertTrue(f.isRetryable());
        assertTrue(f.getMessage().startsWith("no response from " + server.uri("/slow") + " within 500 ms (read_timeout)"),
                f.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpFailure f = failure(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/x")).build());
        assertTrue(f.isRetryable());
        assertEquals("cannot connect to 127.0.0.1:" + closedPort + " (connection refused): is the service up?"
                + " check the URL and the proxy", f.getMessage());
        assertTrue(f.toDeliveryException().isRetryable());
    }

    @Test
    void theConfiguredProxyCarriesTheRequest() throws HttpFailure {
        HttpSender viaProxy = HttpClients.standalone().create(HttpSettings.builder("sink test/proxied")
                .proxy("127.0.0.1:" + server.port()).build());
        viaProxy.send(HttpRequest.newBuilder(URI.create("http://upstream.invalid/events")).build());
        assertEquals(URI.create("http://upstream.invalid/events"), server.take().uri());
    }

    @Test
    void directBypassesTheDefaultProxy() throws HttpFailure {
        HttpClients clients = HttpClients.withDefaults(HttpSettings.builder("defaults")
                .proxy("127.0.0.1:9").build());
        clients.create(HttpSettings.builder("sink test/direct").proxy("direct").build()).send(post("/direct"));
        assertEquals("/direct", server.take().uri().getPath());
    }
}
