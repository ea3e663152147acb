package dev.herald.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void masksPasswordAttributesAndSecretNames() {
        Map<String, Object> props = new HashMap<>(Map.of("name", "x", "apiKey", "k", "client.secret", "s",
                "hmacSecret", "h", "accessToken", "t", "AWS_CREDENTIALS", "c", "passphrase", "p", "url", "https://a"));
        props.put("service.pid", "dev.herald.sink.x~1");
        props.put("felix.fileinstall.filename", "file:/etc/x.cfg");
        props.put("channels", new String[] {"#a", "#b"});
        Map<String, String> s = SecretMasker.mask(props, Set.of("passphrase"));
        assertEquals("****", s.get("apiKey"));
        assertEquals("****", s.get("client.secret"));
        assertEquals("****", s.get("hmacSecret"));
        assertEquals("****", s.get("accessToken"));
        assertEquals("****", s.get("AWS_CREDENTIALS"));
        assertEquals("****", s.get("passphrase"), "PASSWORD attribute");
        assertEquals("https://a", s.get("url"));
        assertEquals("#a, #b", s.get("channels"));
        assertFalse(s.containsKey("service.pid"));
        assertFalse(s.containsKey("felix.fileinstall.filename"));
    }

    @Test
    void heraldsSecretSettingsAreMaskedWithoutTheirPluginsMetatype() {
        // a plugin that is not installed: no PASSWORD attributes are known
        Map<String, String> s = SecretMasker.mask(Map.of("name", "teams", "webhook_url",
                "https://prod.westeurope.logic.azure.com/workflows/1/invoke?sig=abc", "routing_key", "R0UT1NG",
                "header_secret", "h", "api_secret", "a", "channel", "#soc"), Set.of());
        assertEquals("****", s.get("webhook_url"));
        assertEquals("****", s.get("routing_key"));
        assertEquals("****", s.get("header_secret"));
        assertEquals("****", s.get("api_secret"));
        assertEquals("#soc", s.get("channel"));
    }

    @Test
    void failureTextIsReducedToTheRootCause() {
        assertEquals("url is missing: set url",
                OsgiPluginConfigs.reason("java.lang.IllegalArgumentException: url is missing: set url\n\tat x.y(Z.java:1)"));
        assertEquals("token is missing: set token", OsgiPluginConfigs.reason("java.lang.reflect.InvocationTargetException\n"
                + "\tat a.b(C.java:1)\nCaused by: java.lang.IllegalStateException: wrapped\n\tat d.e(F.java:2)\n"
                + "Caused by: java.lang.IllegalArgumentException: token is missing: set token\n\tat g.h(I.java:3)"));
        assertEquals("activation failed", OsgiPluginConfigs.reason(null));
    }
}
