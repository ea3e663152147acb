package dev.herald.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.EventView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventQueryTest {

    private static final EventView ROOT_LOGIN = new EventView(Event.builder().id("e1").source("cloudtrail")
            .instance("prod-trail").type("ConsoleLogin").time(Instant.parse("2026-01-31T10:00:00Z"))
            .severity(Severity.HIGH).build(), Instant.parse("2026-01-31T10:00:05Z"), List.of());

    private static EventQuery query(Map<String, String> parameters) {
        return EventQuery.of(FakeRequests.request(null, Map.of(), parameters, Map.of()));
    }

    @Test
    void eachCriterionNarrowsTheSearch() {
        assertTrue(query(Map.of()).matches(ROOT_LOGIN));
        assertTrue(query(Map.of("instance", "prod-trail", "type", "ConsoleLogin", "severity", "high",
                "from", "2026-01-31T10:00:00Z", "to", "2026-01-31T10:00:01Z")).matches(ROOT_LOGIN));
        assertFalse(query(Map.of("instance", "dev-trail")).matches(ROOT_LOGIN));
        assertFalse(query(Map.of("type", "CreateUser")).matches(ROOT_LOGIN));
        assertFalse(query(Map.of("severity", "critical")).matches(ROOT_LOGIN));
        assertFalse(query(Map.of("from", "2026-01-31T10:00:01Z")).matches(ROOT_LOGIN));
        assertFalse(query(Map.of("to", "2026-01-31T10:00:00Z")).matches(ROOT_LOGIN), "the end is exclusive");
    }

    @Test
    void badParametersAreNamed() {
        assertEquals("severity 'urgent' is not one of info, low, medium, high, critical",
                assertThrows(IllegalArgumentException.class, () -> query(Map.of("severity", "urgent"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> query(Map.of("from", "yesterday")))
                .getMessage().startsWith("time 'yesterday' is not an ISO-8601 instant"));
        assertEquals("limit 'ten' is not a number",
                assertThrows(IllegalArgumentException.class, () -> query(Map.of("limit", "ten"))).getMessage());
        assertEquals(EventQuery.MAX_LIMIT, query(Map.of("limit", "99999")).limit());
    }

    @Test
    void aPluginFeatureNamesTheConfigurationItsPluginReads() {
        assertEquals("dev.herald.sink.webhook", PluginCatalog.factoryPid("herald-sink-webhook"));
        assertEquals("dev.herald.source.s3", PluginCatalog.factoryPid("herald-source-s3"));
        assertEquals(null, PluginCatalog.factoryPid("herald-core"));
    }
}
