package dev.herald.core.runbook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.enrich.Enricher;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each event the runbook the catalogue in {@code etc/herald/runbooks} has for its source and
 * type, as {@code enrichment.runbook} ({@code category}, {@code guidance}, {@code link}, {@code
 * severity}); templates also see it as {@code runbook}. An enricher rather than a lookup at
 * rendering, so that routes can match on the runbook (its category or severity hint), the event
 * keeps in the journal the runbook it was routed with (a retry or a replay shows the same one), and
 * webhook and log sinks carry it in the envelope. The catalogue is read again when a file changes,
 * checked every {@link #RELOAD_SECONDS} seconds.
 */
@Component(service = {Enricher.class, RunbookEnricher.class})
public final class RunbookEnricher implements Enricher {
    static final long RELOAD_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(RunbookEnricher.class);

    private final RunbookCatalogue catalogue;
    private ScheduledExecutorService reloads;
    private Map<String, String> logged = Map.of();

    /** The catalogue in {@code ${karaf.etc}/herald/runbooks}. */
    public RunbookEnricher() {
        this(Path.of(System.getProperty("karaf.etc", "etc"), "herald", "runbooks"));
    }

    public RunbookEnricher(Path directory) {
        this.catalogue = new RunbookCatalogue(directory);
    }

    @Activate
    void start() {
        reload();
        reloads = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-runbooks");
            t.setDaemon(true);
            return t;
        });
        reloads.scheduleWithFixedDelay(this::reload, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        reloads.shutdownNow();
    }

    /** Reads the catalogue files that changed; a new problem is logged once. */
    public synchronized void reload() {
        catalogue.refresh();
        Map<String, String> now = catalogue.problems();
        now.forEach((file, problem) -> {
            if (!problem.equals(logged.get(file))) {
                LOG.warn("runbook catalogue {}: {}", catalogue.directory().resolve(file), problem);
            }
        });
        logged = now;
    }

    /** What is wrong with the catalogue, by file; {@code herald:status} shows it. */
    public Map<String, String> problems() {
        return catalogue.problems();
    }

    @Override
    public String name() {
        return "runbook";
    }

    /** A lookup in the catalogue read into memory; the files are read by {@link #reload()}. */
    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public boolean appliesTo(Event event) {
        return catalogue.find(event.source(), event.type()).isPresent();
    }

    @Override
    public ObjectNode enrich(Event event) {
        ObjectNode added = JsonNodeFactory.instance.objectNode();
        catalogue.find(event.source(), event.type()).ifPresent(r -> added.set("runbook", r.toJson()));
        return added;
    }
}
