package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PceSettingsTest {

    @Test
    void defaults() {
        PceSettings s = TestConfig.settings();
        assertEquals(1, s.orgId());
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals(10_000, s.maxResults());
        assertEquals(Duration.ofSeconds(60), s.overlap());
        assertEquals(Duration.ofHours(24), s.backfill());
        assertEquals(List.of(), s.eventTypes());
        assertEquals(PceSettings.FullWindow.ASYNC, s.fullWindow());
        assertEquals(Duration.ofMinutes(10), s.asyncTimeout());
        assertEquals(PceSettings.FullWindow.SPLIT, TestConfig.settings("full_window", " Split ").fullWindow());
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertMessage("api_secret is missing", "api_secret", "");
        assertMessage("api_user is missing", "api_user", " ");
        assertMessage("max_results = 20000", "max_results", 20000);
        assertMessage("pce_url = 'pce.example.com'", "pce_url", "pce.example.com");
        assertMessage("pce_url = 'https://pce:8443/api/v2'", "pce_url", "https://pce:8443/api/v2");
        assertMessage("status = 'ok'", "status", "ok");
        assertMessage("org_id = 0", "org_id", 0);
        assertMessage("full_window = 'halve'", "full_window", "halve");
        assertMessage("async_timeout = 0", "async_timeout", 0);
    }

    @Test
    void eventTypesMayBeOneCommaSeparatedValue() {
        assertEquals(List.of("user.login_failed", "agent.tampering"),
                TestConfig.settings("event_types", new String[] {"user.login_failed, agent.tampering"}).eventTypes());
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertFalse(TestConfig.settings().toString().contains(PceEmulator.SECRET));
    }

    private static void assertMessage(String start, String key, Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestConfig.settings(key, value));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
