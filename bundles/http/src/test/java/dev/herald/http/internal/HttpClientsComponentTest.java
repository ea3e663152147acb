package dev.herald.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.http.HttpSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class HttpClientsComponentTest {
    private static HttpClientsComponent.Config config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(HttpClientsComponent.Config.class);
    }

    @Test
    void withoutConfigurationTheBuiltInDefaultsApply() {
        new HttpClientsComponent(config(Map.of())).create(HttpSettings.builder("sink test/x").build());
    }

    @Test
    void anInvalidDefaultFailsActivationNamingThePidAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpClientsComponent(config(Map.of("proxy", "proxy.example.com"))));
        assertEquals("dev.herald.http: proxy 'proxy.example.com' is not host:port: write e.g."
                + " proxy.example.com:3128, 'direct' for no proxy, or leave it empty for Herald's default", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HttpClientsComponent(config(Map.of("ca_bundle", "/nonexistent/ca.pem"))));
        assertEquals("dev.herald.http: ca_bundle '/nonexistent/ca.pem' does not exist: give the path of a PEM file"
                + " holding the CA certificate(s)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HttpClientsComponent(config(Map.of("read_timeout", "-5"))));
        assertEquals("dev.herald.http: read_timeout must be a positive number of seconds, or 0 for Herald's"
                + " default; was -5", e.getMessage());
    }
}
