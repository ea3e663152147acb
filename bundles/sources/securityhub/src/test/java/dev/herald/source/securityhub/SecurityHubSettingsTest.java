package dev.herald.source.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHubSettingsTest {

    private static String refused(TestConfig test) {
        return assertThrows(IllegalArgumentException.class, test::settings).getMessage();
    }

    @Test
    void defaultsPollEveryFindingOfTheLastDay() {
        SecurityHubSettings s = new TestConfig("").settings();

        assertEquals(SecurityHubSettings.Mode.POLL, s.mode());
        assertEquals(Map.of(), s.filters(), "no record_states filter: ARCHIVED updates resolve incidents");
        assertEquals(Duration.ofSeconds(60), s.pollInterval());
        assertEquals(Duration.ofSeconds(300), s.overlap());
        assertEquals(Duration.ofHours(24), s.backfill());
        assertEquals(3, s.maxRequestsPerSecond());
    }

    @Test
    void filterValuesAreSplitUpperCasedAndChecked() {
        SecurityHubSettings s = new TestConfig("", "severity_labels", "high, Critical",
                "workflow_statuses", new String[] {"NEW", "NOTIFIED"}, "product_names", "GuardDuty, Inspector").settings();

        assertEquals(List.of("HIGH", "CRITICAL"), s.filters().get(FindingFilter.SEVERITY_LABEL));
        assertEquals(List.of("NEW", "NOTIFIED"), s.filters().get(FindingFilter.WORKFLOW_STATUS));
        assertEquals(List.of("GuardDuty", "Inspector"), s.filters().get(FindingFilter.PRODUCT_NAME));
        String message = refused(new TestConfig("", "compliance_statuses", "FAILING"));
        assertTrue(message.startsWith("compliance_statuses: 'FAILING' is not one of"), message);
    }

    @Test
    void pollLimitsNameTheProperty() {
        assertTrue(refused(new TestConfig("", "max_requests_per_second", 5)).startsWith("max_requests_per_second"));
        assertTrue(refused(new TestConfig("", "backfill_hours", 3000)).startsWith("backfill_hours"));
        assertTrue(refused(new TestConfig("", "poll_interval", 0)).startsWith("poll_interval"));
        assertTrue(refused(new TestConfig("", "mode", "stream")).startsWith("mode"));
    }

    @Test
    void pushDefaultsToAPathNamedAfterTheInstance() {
        SecurityHubSettings s = TestConfig.push().settings();

        assertEquals(SecurityHubSettings.Mode.PUSH, s.mode());
        assertEquals("/herald/securityhub/hub", s.path());
        assertEquals("x-herald-token", s.headerName());
        assertEquals(1024 * 1024, s.maxBodyBytes());
        assertFalse(s.allowPlainHttp(), "plain HTTP is refused unless asked for");
        assertTrue(TestConfig.push("allow_plain_http", "true").settings().allowPlainHttp());
        assertFalse(s.toString().contains(TestConfig.SECRET), "the secret stays out of logs");
    }

    @Test
    void pushNeedsAStrongSecretAPlainPathAndNoPollFilters() {
        assertTrue(refused(TestConfig.push("header_secret", "")).startsWith("header_secret is missing"));
        assertTrue(refused(TestConfig.push("header_secret", "short")).startsWith("header_secret is too short"));
        assertTrue(refused(TestConfig.push("path", "/herald/*")).startsWith("path"));
        assertTrue(refused(TestConfig.push("header_name", "x token")).startsWith("header_name"));
        assertTrue(refused(TestConfig.push("max_body_bytes", 10)).startsWith("max_body_bytes"));
        String message = refused(TestConfig.push("severity_labels", "HIGH"));
        assertTrue(message.startsWith("severity_labels applies to mode = poll only"), message);
    }
}
