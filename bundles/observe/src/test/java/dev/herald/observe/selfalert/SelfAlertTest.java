package dev.herald.observe.selfalert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.observe.health.Assessment;
import dev.herald.observe.health.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SelfAlertTest {
    static final Instant AT = Instant.parse("2026-12-02T01:00:00Z");

    @Test
    void aSinkThatPausesThenRecoversGivesTwoAlertsAboutIt() {
        Event paused = SelfAlert.of(Condition.OK, new Assessment("sink", "hook", Condition.SINK_PAUSED, "HTTP 500"), AT)
                .orElseThrow();
        assertEquals("herald.sink.paused", paused.type());
        assertEquals(SelfAlerts.SOURCE, paused.source());
        assertEquals(SelfAlerts.SOURCE, paused.instance());
        assertEquals(Severity.MEDIUM, paused.severity());
        assertEquals("hook", paused.detail().path("sink").asText());
        assertEquals("Herald sink hook: HTTP 500", paused.detail().path("summary").asText());
        assertTrue(SelfAlerts.isAbout(paused, "hook"));

        Event recovered = SelfAlert.of(Condition.SINK_PAUSED, new Assessment("sink", "hook", Condition.OK, "fine"), AT)
                .orElseThrow();
        assertEquals("herald.sink.recovered", recovered.type());
        assertEquals(Severity.INFO, recovered.severity());
    }

    @Test
    void noChangeNoAlert() {
        assertTrue(SelfAlert.of(Condition.SINK_PAUSED, new Assessment("sink", "hook", Condition.SINK_PAUSED, "x"), AT).isEmpty());
        assertTrue(SelfAlert.of(null, new Assessment("source", "files", Condition.OK, "x"), AT).isEmpty(),
                "a subject first seen healthy is no news");
    }

    @Test
    void eachConditionHasItsTypeAndSeverity() {
        assertEquals("herald.source.problem", type(new Assessment("source", "s", Condition.SOURCE_PROBLEM, "denied")));
        assertEquals("herald.config.invalid", type(new Assessment("route", "r", Condition.CONFIG_INVALID, "bad pattern")));
        assertEquals("herald.sink.dead-lettering", type(new Assessment("sink", "k", Condition.SINK_DEAD_LETTERING, "401")));
        Event store = SelfAlert.of(null, new Assessment("store", "herald", Condition.STORE_FAILING, "disk full"), AT).orElseThrow();
        assertEquals("herald.store.failing", store.type());
        assertEquals(Severity.CRITICAL, store.severity());
        assertTrue(store.detail().path("sink").isMissingNode(), "not about a sink: every sink may get it");
        assertEquals("herald.source.recovered",
                type(Condition.SOURCE_PROBLEM, new Assessment("source", "s", Condition.OK, "reads again")));
    }

    private static String type(Assessment a) {
        return type(Condition.OK, a);
    }

    private static String type(Condition before, Assessment a) {
        return SelfAlert.of(before, a, AT).orElseThrow().type();
    }
}
