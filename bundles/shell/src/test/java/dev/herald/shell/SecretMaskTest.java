package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void keysThatLookSecretAreMaskedWhole() {
        for (String key : new String[] {"password", "token", "routing_key", "apiKey", "client.secret",
                "aws.secretAccessKey", "Authorization", "credentials", "private_key_pem", "sas", "dsn", "webhook_url",
                "hmac_secret", "header_secret"}) {
            assertTrue(SecretMask.isSecretKey(key), key);
            assertEquals("****", SecretMask.value(key, "s3cr3t"), key);
        }
    }

    @Test
    void ordinaryValuesAreLeftAlone() {
        assertFalse(SecretMask.isSecretKey("channel"));
        assertFalse(SecretMask.isSecretKey("auth"), "auth names the scheme (none|bearer|basic), not a credential");
        assertEquals("bearer", SecretMask.value("auth", "bearer"));
        assertEquals("#secops", SecretMask.value("channel", "#secops"));
        assertEquals("https://hooks.example/x?team=soc", SecretMask.value("url", "https://hooks.example/x?team=soc"));
    }

    @Test
    void secretsInsideValuesAreMasked() {
        assertEquals("https://user:****@proxy:3128", SecretMask.value("proxy", "https://user:pw@proxy:3128"));
        assertEquals("https://x/y?api_key=****&team=soc", SecretMask.value("url", "https://x/y?api_key=abc&team=soc"));
        assertEquals("Authorization: ****, X-Team: soc", SecretMask.value("headers", "Authorization: Bearer abc, X-Team: soc"));
        assertEquals("X-Api-Key=****", SecretMask.value("headers", "X-Api-Key=abc"));
    }

    @Test
    void settingsAreSortedAndMasked() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("token", "abc");
        settings.put("channel", "#soc");
        settings.put("empty", null);
        assertEquals("{channel=#soc, empty=, token=****}", SecretMask.settings(settings).toString());
    }
}
