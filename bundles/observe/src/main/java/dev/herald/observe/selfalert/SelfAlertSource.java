package dev.herald.observe.selfalert;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.observe.health.Assessment;
import dev.herald.observe.health.Assessor;
import dev.herald.observe.health.Condition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in source {@code herald}: looks at Herald's state every few seconds and appends a
 * self-alert through the journal whenever a subject's condition changes, so that routes can send
 * Herald's own trouble anywhere (the journal keeps an alert about a sink away from that sink).
 */
@Component(immediate = true)
public final class SelfAlertSource {
    private static final Logger LOG = LoggerFactory.getLogger(SelfAlertSource.class);
    static final long INTERVAL_SECONDS = 5;

    private final Watcher watcher;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-self-alerts");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public SelfAlertSource(@Reference HeraldAdmin admin, @Reference Journal journal) {
        this.watcher = new Watcher(admin, journal, Clock.systemUTC());
        timer.scheduleWithFixedDelay(watcher::look, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One look: compares every subject's condition with the last look's and appends the changes. */
    static final class Watcher {
        private final HeraldAdmin admin;
        private final Journal journal;
        private final Clock clock;
        /** The conditions the last committed alerts describe: a change is kept until its alert is safe. */
        private final Map<String, Condition> known = new HashMap<>();

        Watcher(HeraldAdmin admin, Journal journal, Clock clock) {
            this.admin = admin;
            this.journal = journal;
            this.clock = clock;
        }

        synchronized void look() {
            try {
                List<Assessment> now = Assessor.assess(admin);
                List<Event> alerts = new ArrayList<>();
                Map<String, Condition> next = new HashMap<>();
                for (Assessment a : now) {
                    next.put(a.subject(), a.condition());
                    SelfAlert.of(known.get(a.subject()), a, clock.instant()).ifPresent(alerts::add);
                }
                if (now.stream().anyMatch(a -> a.condition() == Condition.STORE_FAILING)) {
                    next = new HashMap<>(known); // nothing else is known while the store cannot be read
                    next.put(now.get(0).subject(), Condition.STORE_FAILING);
                }
                if (!alerts.isEmpty()) {
                    journal.append(SelfAlerts.SOURCE, alerts, null);
                    alerts.forEach(e -> LOG.info("Self-alert {}: {}", e.type(), e.detail().path("summary").asText()));
                }
                known.clear();
                known.putAll(next);
            } catch (JournalException e) {
                LOG.warn("Cannot append Herald's self-alerts, will try again: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Cannot look at Herald's state for self-alerts: {}", e.toString(), e);
            }
        }
    }
}
