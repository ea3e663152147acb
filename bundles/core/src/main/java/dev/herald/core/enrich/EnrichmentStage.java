package dev.herald.core.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.enrich.Enricher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the registered {@link Enricher}s to an event before it is routed: in order, each
 * bounded by its timeout on a thread of this stage (an {@link Enricher#inMemory() in-memory} one on
 * the caller's thread), so that a slow or failing enricher costs the
 * event its fields and nothing else. What went wrong is kept per enricher (shown by {@code
 * herald:status}) until that enricher succeeds again.
 */
@Component(service = EnrichmentStage.class)
public final class EnrichmentStage {
    /** Enrichments running at once at most; past that an event goes on without the busy enricher's fields. */
    static final int MAX_THREADS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(EnrichmentStage.class);
    private static final Comparator<Enricher> ORDER =
            Comparator.comparingInt(Enricher::order).thenComparing(Enricher::name);

    private final ThreadPoolExecutor threads;
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private volatile List<Enricher> ordered = List.of();

    public EnrichmentStage() {
        AtomicInteger n = new AtomicInteger();
        // no queue: an enricher that hangs holds its threads, and the next events skip it instead of waiting
        threads = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "herald-enrich-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addEnricher(Enricher enricher) {
        List<Enricher> next = new ArrayList<>(ordered);
        next.add(enricher);
        next.sort(ORDER);
        ordered = List.copyOf(next);
    }

    public synchronized void removeEnricher(Enricher enricher) {
        List<Enricher> next = new ArrayList<>(ordered);
        next.remove(enricher);
        ordered = List.copyOf(next);
        if (next.stream().noneMatch(e -> e.name().equals(enricher.name()))) {
            problems.remove(enricher.name());
        }
    }

    @Deactivate
    public void stop() {
        threads.shutdownNow();
    }

    /** The event with what every enricher that applies to it added, or the event itself when none added anything. */
    public Event enrich(Event event) {
        List<Enricher> enrichers = ordered;
        if (enrichers.isEmpty()) {
            return event;
        }
        Event current = event;
        for (Enricher enricher : enrichers) {
            Optional<ObjectNode> added = run(enricher, current);
            if (added.isPresent() && !added.get().isEmpty()) {
                current = current.toBuilder().enrichment(merge(enricher, current, added.get())).build();
            }
        }
        return current;
    }

    /** What each enricher that failed last time it ran says is wrong, by enricher name. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    private Optional<ObjectNode> run(Enricher enricher, Event event) {
        boolean applies;
        try {
            applies = enricher.appliesTo(event);
        } catch (RuntimeException e) {
            fail(enricher, event, "failed to check whether it applies: " + describe(e));
            return Optional.empty();
        }
        if (!applies) {
            return Optional.empty();
        }
        if (enricher.inMemory()) {
            return runHere(enricher, event);
        }
        Future<ObjectNode> result;
        try {
            result = threads.submit(() -> enricher.enrich(event));
        } catch (RejectedExecutionException e) {
            fail(enricher, event, "all " + MAX_THREADS + " enrichment threads are busy (an enricher does not return"
                    + " within its timeout); events go on without its fields until one is free");
            return Optional.empty();
        }
        Duration timeout = enricher.timeout();
        try {
            ObjectNode added = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            succeeded(enricher);
            return Optional.ofNullable(added);
        } catch (TimeoutException e) {
            result.cancel(true);
            fail(enricher, event, "took longer than its timeout of " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            fail(enricher, event, describe(e.getCause()));
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Runs an in-memory enricher on this thread: a hand-over to the stage's threads costs more than its lookup. */
    private Optional<ObjectNode> runHere(Enricher enricher, Event event) {
        try {
            ObjectNode added = enricher.enrich(event);
            succeeded(enricher);
            return Optional.ofNullable(added);
        } catch (Exception | LinkageError e) { // a class its bundle lost is its failure too, as on a thread
            fail(enricher, event, describe(e));
            return Optional.empty();
        }
    }

    private ObjectNode merge(Enricher enricher, Event event, ObjectNode added) {
        ObjectNode merged = event.enrichment().deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (merged.has(f.getKey())) {
                fail(enricher, event, "set enrichment." + f.getKey() + ", which an earlier enricher already"
                        + " set: the earlier value is kept; give one of them a different field");
            } else {
                merged.set(f.getKey(), f.getValue());
            }
        }
        return merged;
    }

    private void fail(Enricher enricher, Event event, String why) {
        String problem = why + "; events go on without its fields (last: " + event.source() + " event "
                + event.id() + ")";
        String before = problems.put(enricher.name(), problem);
        if (before == null) {
            LOG.warn("Enricher {} {}", enricher.name(), problem);
        } else {
            LOG.debug("Enricher {} {}", enricher.name(), problem);
        }
    }

    private void succeeded(Enricher enricher) {
        if (problems.remove(enricher.name()) != null) {
            LOG.info("Enricher {} works again", enricher.name());
        }
    }

    /** An exception's message, which the enricher wrote for users; an error's class too, as its message is often a bare class name. */
    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return t instanceof Error ? t.getClass().getSimpleName() + ": " + message : message;
    }
}
