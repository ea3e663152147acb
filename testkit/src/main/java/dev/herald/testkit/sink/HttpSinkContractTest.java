package dev.herald.testkit.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The delivery contract of a sink that talks HTTP, against a stub peer on this machine: a 4xx
 * is permanent; 429, 5xx and an I/O error are retryable, after the peer's {@code Retry-After}
 * when it gives one; and no failure reason, cause or log line shows a secret, even when the peer
 * echoes the request (its headers, target and body) in its error page.
 */
public abstract class HttpSinkContractTest extends SinkContractTest {
    /** The peer, new for each test. */
    protected StubHttpServer peer;
    private final Function<URI, Map<String, Object>> properties;

    /**
     * @param sinkClass  the sink, activated as DS does ({@link SinkConfig#activate})
     * @param properties the properties of a sink that delivers to an endpoint (the peer's base URL, no path)
     * @param secrets    their secret values: never shown
     * @param references the services the sink's constructor takes, e.g. {@code HttpClients.standalone()}
     */
    protected HttpSinkContractTest(Class<? extends Sink> sinkClass, Function<URI, Map<String, Object>> properties,
                                   List<String> secrets, Object... references) {
        super(sinkClass, null, secrets, references);
        this.properties = properties;
    }

    /**
     * A notification the sink sends: by default the sink's own default template rendered on a
     * CloudTrail record ({@link SinkTemplates}); override for a sink whose body needs more.
     */
    protected Notification notification(Sink sink) throws Exception {
        Event event = SampleEvents.of(SampleEvents.CLOUDTRAIL);
        String body = SinkTemplates.of(sink.getClass()).render(event);
        return new Notification(event, "route-1", String.valueOf(validProperties().get(Sink.NAME)), event.severity(),
                body, 1, "key-1");
    }

    @Override
    protected final Map<String, Object> validProperties() {
        return properties.apply(URI.create("http://127.0.0.1:" + peer.port()));
    }

    @BeforeEach
    void startPeer() {
        peer = StubHttpServer.http();
    }

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    /**
     * The settings every HTTP sink shares (bundles/http's HttpSettings): a bad one is refused with
     * the shared message, after the sink's kind and name.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "proxy|proxy.example.com|proxy 'proxy.example.com' is not host:port: write e.g. proxy.example.com:3128,"
                + " 'direct' for no proxy, or leave it empty for Herald's default",
        "connect_timeout|-1|connect_timeout must be a positive number of seconds, or 0 for Herald's default; was -1",
        "read_timeout|-5|read_timeout must be a positive number of seconds, or 0 for Herald's default; was -5",
        "ca_bundle|/nonexistent/ca.pem|ca_bundle '/nonexistent/ca.pem' does not exist: give the path of a PEM file"
                + " holding the CA certificate(s)",
        "rate|-2|rate must be 0 (no limit) or a positive number of messages per second; was -2"})
    void contractABadSharedHttpSettingIsRefusedWithItsMessage(String property, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> activate(validPropertiesWith(property, value)));
        String expected = " sink '" + validProperties().get(Sink.NAME) + "': " + message;
        assertTrue(e.getMessage().endsWith(expected), "expected …" + expected + ", was " + e.getMessage());
        assertNoSecret(e.getMessage(), "the refusal of " + property);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void contractAClientErrorIsPermanent(int status) throws Exception {
        DeliveryException e = failure(Reply.status(status, ""));
        assertFalse(e.isRetryable(), "HTTP " + status + " must be permanent: " + e.getMessage());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void contractAServerErrorIsRetryable(int status) throws Exception {
        DeliveryException e = failure(Reply.status(status, ""));
        assertTrue(e.isRetryable(), "HTTP " + status + " must be retryable: " + e.getMessage());
        assertEquals(Optional.empty(), e.retryAfter(), "without Retry-After the dispatcher's backoff decides: "
                + e.getMessage());
    }

    @Test
    void contractRateLimitingIsRetryableAfterTheWaitThePeerAsksFor() throws Exception {
        DeliveryException e = failure(Reply.status(429, "", "Retry-After", "7"));
        assertTrue(e.isRetryable(), e.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter(), e.getMessage());
    }

    @Test
    void contractAnUnavailablePeersRetryAfterIsHonoured() throws Exception {
        DeliveryException e = failure(Reply.status(503, "", "Retry-After", "11"));
        assertTrue(e.isRetryable(), e.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(11)), e.retryAfter(), e.getMessage());
    }

    @Test
    void contractAnIoErrorIsRetryable() throws Exception {
        URI closed = closedPort();
        Sink sink = activate(properties.apply(closed));
        Notification n = notification(sink);
        try (LogCapture log = LogCapture.start()) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(n));
            assertTrue(e.isRetryable(), "a refused connection must be retryable: " + e.getMessage());
            assertNoSecret(e, "the reason for a refused connection");
            assertNoSecret(log.text(), "the log of a refused connection");
        } finally {
            deactivate(sink);
        }
    }

    /** The verdict for the peer answering every request with {@code reply} plus an echo of the request. */
    private DeliveryException failure(Reply reply) throws Exception {
        Sink sink = activate(validProperties());
        Notification n = notification(sink);
        peer.respond(request -> echoing(reply, request));
        try (LogCapture log = LogCapture.start()) {
            LoggerFactory.getLogger(HttpSinkContractTest.class).warn("contract test: the log is captured");
            DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(n));
            String logged = log.text();
            assertTrue(logged.contains("contract test: the log is captured"), "the log capture does not work");
            assertNoSecret(e, "the reason");
            assertNoSecret(logged, "the log");
            return e;
        } finally {
            deactivate(sink);
        }
    }

    /** {@code reply} with the request it answers in the body, as a careless peer's error page does. */
    private static Reply echoing(Reply reply, Recorded request) {
        StringBuilder echo = new StringBuilder(request.method()).append(' ').append(request.uri()).append('\n');
        request.headers().forEach((name, values) -> echo.append(name).append(": ").append(values).append('\n'));
        echo.append('\n').append(request.bodyText());
        return reply.withBody(echo.toString());
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
