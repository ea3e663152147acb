package dev.herald.observe.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssessorTest {
    static SinkView sink(String name, String state, String error, long pending) {
        return new SinkView(name, "webhook", state, error, Map.of(), Counters.ZERO, pending, 0, null, null, 0);
    }

    static SourceView source(String name, String state, String error) {
        return new SourceView(name, "file", state, error, Map.of(), Counters.ZERO, 0, null);
    }

    static List<DeliveryView> attempts(String... outcomesNewestFirst) {
        List<DeliveryView> all = new ArrayList<>();
        for (String o : outcomesNewestFirst) {
            all.add(new DeliveryView(Instant.EPOCH, "hook", "r", "e", 1, o, "HTTP 500"));
        }
        return all;
    }

    @Test
    void aSourceProblemWarnsAndARejectedConfigurationIsInvalid() {
        assertEquals(Condition.OK, Assessor.source(source("files", "active", null)).condition());
        Assessment problem = Assessor.source(source("files", "active", "directory /x does not exist"));
        assertEquals(Condition.SOURCE_PROBLEM, problem.condition());
        assertEquals(Condition.Level.WARN, problem.condition().level());
        assertTrue(problem.message().contains("/x"));
        assertEquals(Condition.CONFIG_INVALID, Assessor.source(source("files", "failed", "bad directory")).condition());
    }

    @Test
    void aSinkWhoseLastAttemptWillBeRetriedIsPaused() {
        Assessment a = Assessor.sink(sink("hook", "active", null, 3), attempts("retry", "delivered"));
        assertEquals(Condition.SINK_PAUSED, a.condition());
        assertTrue(a.message().contains("HTTP 500") && a.message().contains("3 entries wait"), a.message());
        assertEquals(Condition.OK, Assessor.sink(sink("hook", "active", null, 0), attempts("delivered", "retry")).condition());
        assertEquals(Condition.SINK_PAUSED, Assessor.sink(sink("hook", "active", null, 2), attempts("dead", "retry")).condition(),
                "one entry ran out of attempts, the others still wait for the same peer");
        assertEquals(Condition.OK, Assessor.sink(sink("hook", "active", null, 0), attempts("dead", "delivered")).condition(),
                "nothing waits: the sink is idle, not paused");
    }

    @Test
    void aSinkWhoseLastAttemptsWereAllDeadLetteredIsCritical() {
        String[] run = new String[Assessor.DEAD_RUN];
        java.util.Arrays.fill(run, "dead");
        Assessment a = Assessor.sink(sink("hook", "active", null, 0), attempts(run));
        assertEquals(Condition.SINK_DEAD_LETTERING, a.condition());
        assertEquals(Condition.Level.CRITICAL, a.condition().level());

        List<DeliveryView> oneDelivered = attempts(run);
        oneDelivered.set(Assessor.DEAD_RUN - 1, attempts("delivered").get(0));
        assertEquals(Condition.OK, Assessor.sink(sink("hook", "active", null, 0), oneDelivered).condition(),
                "one delivery among the last attempts: not everything is dead-lettered");
    }

    @Test
    void aRejectedOrMissingSinkWarns() {
        assertEquals(Condition.CONFIG_INVALID, Assessor.sink(sink("hook", "failed", "url is not https", 0), List.of()).condition());
        Assessment absent = Assessor.sink(sink("hook", "absent", null, 7), List.of());
        assertEquals(Condition.SINK_ABSENT, absent.condition());
        assertTrue(absent.message().contains("7 entries wait"));
    }
}
