package dev.herald.observe.health;

import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges Herald's state, read through {@link HeraldAdmin}, into one {@link Assessment} per source,
 * sink, invalid route and the store. Shared by the health checks and the self-alerts so that
 * both always agree.
 */
public final class Assessor {
    /**
     * A sink whose last this many attempts were all dead-lettered is CRITICAL: it delivers
     * nothing (a rejected token, a deleted channel), and every new event goes the same way.
     */
    public static final int DEAD_RUN = 5;
    /** How many recent attempts (all sinks) are read to judge the sinks. */
    static final int HISTORY = 1_000;
    static final String STORE = "store";

    private Assessor() {
    }

    /** Every subject's assessment; only the store's when the store cannot be read. */
    public static List<Assessment> assess(HeraldAdmin admin) {
        List<Assessment> all = new ArrayList<>();
        List<Problem> problems;
        List<SourceView> sources;
        List<SinkView> sinks;
        List<DeliveryView> history;
        try {
            problems = admin.overview().problems();
            sources = admin.sources();
            sinks = admin.sinks();
            history = admin.history(HISTORY);
        } catch (RuntimeException e) {
            all.add(new Assessment(STORE, SelfAlerts.SOURCE, Condition.STORE_FAILING,
                    "the store cannot be read: " + e.getMessage() + "; check the disk and the log"));
            return all;
        }
        all.add(new Assessment(STORE, SelfAlerts.SOURCE, Condition.OK, "the store can be read"));
        for (SourceView s : sources) {
            if (!SelfAlerts.SOURCE.equals(s.instance())) {
                all.add(source(s));
            }
        }
        Map<String, List<DeliveryView>> attempts = bySink(history);
        for (SinkView s : sinks) {
            all.add(sink(s, attempts.getOrDefault(s.name(), List.of())));
        }
        for (Problem p : problems) {
            if (p.subject().startsWith("route ")) {
                all.add(new Assessment("route", p.subject().substring("route ".length()),
                        Condition.CONFIG_INVALID, p.message()));
            }
        }
        return all;
    }

    static Assessment source(SourceView s) {
        if ("failed".equals(s.state())) {
            return new Assessment("source", s.instance(), Condition.CONFIG_INVALID,
                    "configuration rejected: " + s.error());
        }
        if (s.error() != null) {
            return new Assessment("source", s.instance(), Condition.SOURCE_PROBLEM, s.error());
        }
        return new Assessment("source", s.instance(), Condition.OK,
                s.state() + ", " + s.counters().received() + " received");
    }

    /**
     * @param attempts the sink's recent attempts, newest first
     */
    static Assessment sink(SinkView s, List<DeliveryView> attempts) {
        if ("failed".equals(s.state())) {
            return new Assessment("sink", s.name(), Condition.CONFIG_INVALID, "configuration rejected: " + s.error());
        }
        if ("absent".equals(s.state())) {
            return new Assessment("sink", s.name(), Condition.SINK_ABSENT, "routes name it but no such sink runs: "
                    + s.pending() + " entries wait; install its feature and configure it");
        }
        if (attempts.size() >= DEAD_RUN && attempts.stream().limit(DEAD_RUN).allMatch(a -> "dead".equals(a.outcome()))) {
            return new Assessment("sink", s.name(), Condition.SINK_DEAD_LETTERING, "its last " + DEAD_RUN
                    + " deliveries were all dead-lettered (" + s.deadLetters() + " dead letters): " + s.lastError());
        }
        if (!attempts.isEmpty() && !"delivered".equals(attempts.get(0).outcome()) && s.pending() > 0) {
            return new Assessment("sink", s.name(), Condition.SINK_PAUSED, "paused after a failed attempt, "
                    + s.pending() + " entries wait: " + attempts.get(0).detail());
        }
        return new Assessment("sink", s.name(), Condition.OK, s.state() + ", " + s.counters().delivered()
                + " delivered, " + s.pending() + " waiting, " + s.deadLetters() + " dead letters");
    }

    private static Map<String, List<DeliveryView>> bySink(List<DeliveryView> history) {
        Map<String, List<DeliveryView>> by = new HashMap<>();
        for (DeliveryView d : history) {
            by.computeIfAbsent(d.sink(), k -> new ArrayList<>()).add(d);
        }
        return by;
    }
}
