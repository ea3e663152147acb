package dev.herald.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSettingsTest {
    private static HttpSettings.Builder builder() {
        return HttpSettings.builder("sink test/x");
    }

    @ParameterizedTest
    @CsvSource({
            "proxy.example.com:3128, proxy.example.com:3128",
            "http://proxy.example.com:3128/, proxy.example.com:3128",
            "'  10.0.0.1:8080 ', 10.0.0.1:8080",
            "[::1]:3128, [::1]:3128",
            "DIRECT, direct",
            "'', ''"})
    void proxyForms(String given, String canonical) {
        assertEquals(canonical, builder().proxy(given).build().proxy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "proxy:0", "proxy:70000", "https://proxy:3128", "proxy:3128/path", "user@proxy:1"})
    void aBadProxyIsRejectedNamingTheKeyAndTheForms(String given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().proxy(given));
        assertEquals("proxy '" + given + "' is not host:port: write e.g. proxy.example.com:3128, 'direct' for no"
                + " proxy, or leave it empty for Herald's default", e.getMessage());
    }

    @Test
    void zeroOrNullTimeoutsMeanTheDefault() {
        HttpSettings s = builder().connectTimeout(Duration.ZERO).readTimeout(null).build();
        assertEquals(Optional.empty(), s.connectTimeout());
        assertEquals(Optional.empty(), s.readTimeout());
    }

    @Test
    void aNegativeTimeoutNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().readTimeout(Duration.ofSeconds(-3)));
        assertEquals("read_timeout must be a positive number of seconds, or 0 for Herald's default; was -3",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().connectTimeout(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("connect_timeout "), e.getMessage());
    }

    @Test
    void outsideOsgiTheUserAgentSaysDev() {
        assertEquals("Herald/dev", builder().userAgentOf(HttpSettingsTest.class).build().userAgent());
        assertEquals("Herald", builder().build().userAgent());
    }
}
