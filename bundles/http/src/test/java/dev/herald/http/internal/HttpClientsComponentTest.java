package dev.herald.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.http.HttpFailure;
import dev.herald.http.HttpSender;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

/** The {@code dev.herald.http} configuration becomes the defaults of every sender the service creates. */
class HttpClientsComponentTest {
    private final StubHttpServer server = StubHttpServer.http();

    @AfterEach
    void stop() {
        server.close();
    }

    private static HttpClientsComponent component(Map<String, Object> properties) {
        return new HttpClientsComponent(Converters.standardConverter().convert(properties)
                .to(HttpClientsComponent.Config.class));
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).build();
    }

    @Test
    void withoutConfigurationTheBuiltInDefaultsApply() throws HttpFailure {
        HttpSender sender = component(Map.of()).create(HttpSettings.builder("sink test/x").build());
        server.reply(Reply.status(200, "ok"));
        assertEquals("ok", sender.send(get(server.uri("/direct"))).body());
        StubHttpServer.Recorded request = server.take();
        assertEquals(URI.create("/direct"), request.uri(), "sent directly (a proxy would get the absolute URI)");
        assertEquals(HttpSettings.DEFAULT_USER_AGENT, request.header("User-Agent"));
    }

    @Test
    void theConfiguredProxyAndTimeoutApplyToASenderThatLeavesThemUnset() throws HttpFailure {
        HttpSender sender = component(Map.of("proxy", "127.0.0.1:" + server.port(), "read_timeout", "1"))
                .create(HttpSettings.builder("sink test/x").build());
        sender.send(get(URI.create("http://upstream.invalid/events")));
        assertEquals(URI.create("http://upstream.invalid/events"), server.take().uri(), "the proxy carried it");

        server.reply(Reply.hang());
        HttpFailure f = assertThrows(HttpFailure.class, () -> sender.send(get(URI.create("http://upstream.invalid/slow"))));
        assertTrue(f.getMessage().startsWith("no response from http://upstream.invalid/slow within 1 s (read_timeout)"),
                f.getMessage());
    }

    @Test
    void aSendersOwnSettingsWinOverTheConfiguredDefaults() {
        HttpSender sender = component(Map.of("proxy", "127.0.0.1:9", "read_timeout", "60"))
                .create(HttpSettings.builder("sink test/x").proxy(HttpSettings.DIRECT).readTimeout(Duration.ofMillis(500))
                        .build());
        server.reply(Reply.hang());
        HttpFailure f = assertThrows(HttpFailure.class, () -> sender.send(get(server.uri("/slow"))));
        assertTrue(f.getMessage().startsWith("no response from " + server.uri("/slow") + " within 500 ms (read_timeout)"),
                f.getMessage());
        assertEquals("/slow", server.take().uri().getPath(), "sent directly, not to the configured proxy");
    }

    @Test
    void anInvalidDefaultFailsActivationNamingThePidAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("proxy", "proxy.example.com")));
        assertEquals("dev.herald.http: proxy 'proxy.example.com' is not host:port: write e.g."
                + " proxy.example.com:3128, 'direct' for no proxy, or leave it empty for Herald's default", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("ca_bundle", "/nonexistent/ca.pem")));
        assertEquals("dev.herald.http: ca_bundle '/nonexistent/ca.pem' does not exist: give the path of a PEM file"
                + " holding the CA certificate(s)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> component(Map.of("read_timeout", "-5")));
        assertEquals("dev.herald.http: read_timeout must be a positive number of seconds, or 0 for Herald's"
                + " default; was -5", e.getMessage());
    }
}
