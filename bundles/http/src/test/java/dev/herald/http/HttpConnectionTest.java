package dev.herald.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class HttpConnectionTest {
    /** Builds the property type from configuration properties exactly as DS does. */
    private static HttpConnection connection(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(HttpConnection.class);
    }

    private static HttpSettings settings(Map<String, Object> properties) {
        return HttpSettings.builder("sink test/x").connection(connection(properties)).build();
    }

    @Test
    void theConfigurationKeysReachTheSettings() {
        HttpSettings s = settings(Map.of("connect_timeout", "5", "read_timeout", 45, "proxy", "http://proxy.example.com:3128",
                "ca_bundle", " /etc/herald/ca.pem ", "insecure", "true"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.connectTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(45)), s.readTimeout());
        assertEquals("proxy.example.com:3128", s.proxy());
        assertEquals(Optional.of(Path.of("/etc/herald/ca.pem")), s.caBundle());
        assertTrue(s.insecure());
    }

    @Test
    void absentKeysKeepHeraldsDefaults() {
        HttpSettings s = settings(Map.of("name", "x"));
        assertEquals(Optional.empty(), s.connectTimeout());
        assertEquals(Optional.empty(), s.readTimeout());
        assertEquals("", s.proxy());
        assertEquals(Optional.empty(), s.caBundle());
        assertFalse(s.insecure());
    }

    @Test
    void invalidValuesAreRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("read_timeout", -3)));
        assertTrue(e.getMessage().startsWith("read_timeout "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of("proxy", "proxy.example.com")));
        assertTrue(e.getMessage().startsWith("proxy "), e.getMessage());
    }
}
