package dev.herald.core.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.admin.PipelineListener;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.core.PipelineListeners;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.digest.Grouping;
import dev.herald.core.enrich.EnrichmentStage;
import dev.herald.core.route.Admissions;
import dev.herald.core.route.GroupSpec;
import dev.herald.core.route.Route;
import dev.herald.core.route.RouteTable;
import dev.herald.core.route.Routes;
import dev.herald.core.silence.ActiveSilences;
import dev.herald.core.silence.Silences;
import dev.herald.core.store.Counter;
import dev.herald.core.store.EncodedEvent;
import dev.herald.core.store.EventCodec;
import dev.herald.core.store.IdFingerprints;
import dev.herald.core.store.Pending;
import dev.herald.core.store.Silence;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Journal}: dedupes, routes and commits each batch with the source's checkpoint in one
 * durable transaction. Matching and serialization run on the caller's thread as events are added
 * to a {@link #batch}, the dedupe, the event log and the outbox on the store's writer: a source
 * reads and prepares its next batch while the writer commits the last and the disk forces it, so
 * the two work on two cores at once and each commit still covers a whole batch.
 */
@Component(service = Journal.class)
public final class JournalService implements Journal {
    /** Quarantined content and reasons are cut to this many characters. */
    static final int MAX_QUARANTINE_CONTENT = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);
    /**
     * Batches of at most this many events are interactive (a push endpoint's finding, a self
     * alert): they go ahead of the bulk batches and deliveries waiting for the store's writer.
     */
    static final int INTERACTIVE_BATCH = 16;
    /** Ids dedupe looks up at once ({@link StoreTransaction#markSeen}). */
    private static final int DEDUPE_CHUNK = 128;

    private final Store store;
    private final Routes routes;
    private final SourceProblems problems;
    /** Told how long each commit took (metrics); bound and unbound at any time. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<PipelineListener> listeners = List.of();
    private final PipelineListeners pipeline = new PipelineListeners(() -> listeners);
    /** Adds the enrichers' fields before routing; a journal built without OSGi has none. */
    @Reference
    EnrichmentStage enrichment = new EnrichmentStage();
    /** Holds notifications back while a silence is in force; a journal built without OSGi has none. */
    @Reference
    Silences silences = Silences.NONE;

    /** When events are received: which silences are in force, and the time groups of grouping routes wait from. */
    private final Clock clock;

    @Activate
    public JournalService(@Reference Store store, @Reference Routes routes, @Reference SourceProblems problems) {
        this(store, routes, problems, Clock.systemUTC());
    }

    public JournalService(Store store, Routes routes, SourceProblems problems, Clock clock) {
        this.store = store;
        this.routes = routes;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    public int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
        return startAppend(sourceInstance, batch, next).await();
    }

    /** Appends through a {@link #batch}: the events are prepared here, then the writer commits them. */
    @Override
    public PendingAppend startAppend(String sourceInstance, List<Event> batch, Checkpoint next)
            throws JournalException {
        Batch b = batch(sourceInstance);
        for (Event e : batch) {
            b.add(e);
        }
        return b.startAppend(next);
    }

    /**
     * A batch whose events are prepared on the caller's thread as they are added: enriched,
     * matched against the routes of the table in force when the batch began, and serialized for
     * the store. Only an event a route took is kept beside its serialized form (the commit needs
     * of the others their ids alone), and no longer holds its parsed tree where its raw text is
     * that tree's text, so a full batch holds serialized events, not trees; the commit reads the
     * tree only to match an event a route took against the silences in force (or to tell a
     * self-alert), so while a silence lasts, such events keep theirs.
     */
    @Override
    public Batch batch(String sourceInstance) {
        requireInstance(sourceInstance);
        return new PreparedBatch(sourceInstance, routes.table(), enrichment,
                silences.active().anyLasting(clock.millis()), store.idFingerprints());
    }

    private final class PreparedBatch implements Batch {
        private final String instance;
        private final RouteTable table;
        private final EnrichmentStage enriching;
        /** Whether a silence lasts: the events routes take keep their trees for the commit to match. */
        private final boolean silencing;
        private final IdFingerprints fingerprints;
        /** Null once handed over. */
        private List<Prepared> prepared = new ArrayList<>();

        PreparedBatch(String instance, RouteTable table, EnrichmentStage enriching, boolean silencing,
                      IdFingerprints fingerprints) {
            this.instance = instance;
            this.table = table;
            this.enriching = enriching;
            this.silencing = silencing;
            this.fingerprints = fingerprints;
        }

        @Override
        public void add(Event event) {
            open().add(prepare(event, table, enriching, silencing, fingerprints));
        }

        @Override
        public int size() {
            return prepared == null ? 0 : prepared.size();
        }

        /** Returns before the commit: the source reads on while the writer commits and the disk forces it. */
        @Override
        public PendingAppend startAppend(Checkpoint next) throws JournalException {
            return hand(next, null, open().size() <= INTERACTIVE_BATCH);
        }

        /**
         * Queued behind {@code before} (never in the first lane, which would pass it), and
         * committed only if the stream's position is then {@code previous}: {@code before}
         * committed, and nothing else moved the stream. {@code before} is not waited for.
         */
        @Override
        public PendingAppend startAppend(Checkpoint next, Checkpoint previous, PendingAppend before)
                throws JournalException {
            if (next == null || previous == null || !next.stream().equals(previous.stream())) {
                throw new IllegalArgumentException("a batch handed over behind another moves the same stream: "
                        + previous + " then " + next);
            }
            return hand(next, previous, false);
        }

        /** @param previous the stream's position this batch requires; null when it requires none */
        private PendingAppend hand(Checkpoint next, Checkpoint previous, boolean interactive) throws JournalException {
            List<Prepared> events = open();
            prepared = null;
            long started = System.nanoTime();
            int received = events.size();
            Pending<Integer> commit;
            try {
                Function<StoreTransaction, Integer> work = tx -> {
                    if (previous != null) {
                        requirePosition(tx, instance, previous);
                    }
                    int fresh = commit(tx, instance, events, fingerprints, next, clock.millis(), silences.active());
                    // once forced to disk: the metric is the commit's time, not the caller's
                    tx.onDurable(() -> pipeline.committed(instance, fresh, Duration.ofNanos(System.nanoTime() - started)));
                    return fresh;
                };
                commit = interactive ? store.submitFirst(true, work) : store.submit(true, work);
            } catch (RuntimeException e) {
                throw new JournalException("cannot commit events of " + instance + ": " + e.getMessage(), e);
            }
            return () -> {
                try {
                    return commit.await();
                } catch (RuntimeException e) {
                    throw new JournalException("cannot commit " + received + " events of " + instance
                            + ": " + e.getMessage(), e);
                }
            };
        }

        private List<Prepared> open() {
            if (prepared == null) {
                throw new IllegalStateException("the batch of " + instance + " was handed over already");
            }
            return prepared;
        }
    }

    /** Refuses a batch whose stream is not where the batch handed over before it leaves it: that one failed. */
    private static void requirePosition(StoreTransaction tx, String instance, Checkpoint previous) {
        String position = tx.checkpoint(instance, previous.stream()).orElse(null);
        if (!previous.position().equals(position)) {
            throw new IllegalStateException("the batch before it was not committed (the stream '" + previous.stream()
                    + "' is at " + position + ", not " + previous.position() + ")");
        }
    }

    private static Prepared prepare(Event received, RouteTable table, EnrichmentStage enrichment, boolean silencing,
                                    IdFingerprints fingerprints) {
        Event e = enrichment.enrich(received);
        List<Route> matched = table.match(e);
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        EncodedEvent serialized = EventCodec.encodeInParts(e, id);
        long fingerprint = fingerprints.of(id);
        if (matched.isEmpty()) {
            // the commit logs it and needs its id alone: the event (its text a second time, beside
            // the serialized one) is not held while the batch waits for the writer
            return new Prepared(e.id(), fingerprint, null, null, matched, serialized);
        }
        // throttles and groups read the envelope: only an event that such a route takes needs it
        ObjectNode input = readsEnvelope(matched) ? table.input(e) : null;
        return new Prepared(e.id(), fingerprint, silencing ? e : withoutTree(e), input, matched, serialized);
    }

    /**
     * The event without its parsed tree where its raw text is the tree's text: the tree can go. An
     * event parsed in part is kept as it is: it holds the few members routes read, not the tree.
     */
    private static Event withoutTree(Event e) {
        if (!e.rawIsDetailText() || e.detailParsedInPart()) {
            return e;
        }
        return e.toBuilder().parsedWhenRead(e.raw()).build();
    }

    private static boolean readsEnvelope(List<Route> matched) {
        for (Route r : matched) {
            if (r.readsEnvelope()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param fingerprints what made the events' fingerprints, on the source's thread
     * @param held         the silences, read on the store's writer: those added by earlier commits apply
     */
    private static int commit(StoreTransaction tx, String instance, List<Prepared> events,
                              IdFingerprints fingerprints, Checkpoint next, long now, ActiveSilences held) {
        RouteCounts counts = new RouteCounts();
        Admissions admissions = new Admissions();
        tx.onRollback(admissions::undo);
        int fresh = 0;
        for (int from = 0; from < events.size(); from += DEDUPE_CHUNK) {
            List<Prepared> chunk = events.subList(from, Math.min(events.size(), from + DEDUPE_CHUNK));
            List<String> ids = new ArrayList<>(chunk.size());
            long[] fingerprinted = new long[chunk.size()];
            for (int i = 0; i < fingerprinted.length; i++) {
                ids.add(chunk.get(i).id());
                fingerprinted[i] = chunk.get(i).fingerprint();
            }
            boolean[] unseen = tx.markSeen(instance, ids, fingerprinted, fingerprints, now);
            for (int i = 0; i < unseen.length; i++) {
                if (unseen[i]) {
                    fresh++;
                    route(tx, chunk.get(i), counts, admissions, held, now);
                }
            }
        }
        counts.flush(tx);
        tx.count(Counter.Scope.SOURCE, instance, Counter.RECEIVED, events.size());
        tx.count(Counter.Scope.SOURCE, instance, Counter.DEDUPED, events.size() - fresh);
        if (next != null) {
            tx.putCheckpoint(instance, next);
        }
        tx.markAppend(instance, now);
        return fresh;
    }

    /**
     * Logs the event once and writes one outbox entry, referring to it, per sink that a route the
     * throttles let through names: the entry carries all those routes ({@link SinkNotifications}).
     * Routed and throttled are counted per route. The throttles count in memory; a rollback gives
     * their counts back ({@link Admissions}). A notification to a sink that a silence in force
     * covers is not written, only counted as silenced for the sink and for each of its routes;
     * the event stays in the log, so a replay can still send it. Otherwise, when the first of those
     * routes groups ({@code group_by}), the event joins its group for the sink instead, and goes out
     * in the group's digest.
     */
    private static void route(StoreTransaction tx, Prepared p, RouteCounts counts, Admissions admissions,
                              ActiveSilences held, long now) {
        if (p.routes().isEmpty()) {
            // most events of a bulk ingest match no route: they need neither list nor notifications
            tx.appendEvent(now, List.of(), p.serialized());
            return;
        }
        List<String> matched = new ArrayList<>(p.routes().size());
        for (Route r : p.routes()) {
            matched.add(r.name());
        }
        long key = tx.appendEvent(now, matched, p.serialized());
        SinkNotifications notifications = new SinkNotifications();
        for (Route r : p.routes()) {
            if (!r.admit(p.input(), now, admissions)) {
                counts.add(r, Counter.THROTTLED);
                continue;
            }
            notifications.add(r, r.effectiveSeverity(p.event().severity()));
            counts.add(r, Counter.ROUTED);
        }
        if (notifications.isEmpty()) {
            return;
        }
        List<Silence> silencing = held.matching(p.event(), now);
        notifications.forEach((sink, routes, severity) -> {
            if (SelfAlerts.isAbout(p.event(), sink)) {
                return;
            }
            // the first route that names the sink decides, as for the template: it groups, or sends at once
            GroupSpec group = notifications.leader(sink).definition().group();
            if (!silencing.isEmpty() && silencing.stream().anyMatch(s -> s.covers(sink))) {
                tx.count(Counter.Scope.SINK, sink, Counter.SILENCED, 1);
                routes.forEach(r -> tx.count(Counter.Scope.ROUTE, r, Counter.SILENCED, 1));
            } else if (group == null) {
                tx.enqueue(sink, routes, severity, key, now);
            } else {
                Grouping.join(tx, sink, routes, severity, group, group.key(p.input()), key, now);
            }
        });
    }

    @Override
    public Optional<Checkpoint> checkpoint(String sourceInstance, String stream) {
        return store.read(v -> v.checkpoint(sourceInstance, stream)).map(p -> new Checkpoint(stream, p));
    }

    @Override
    public Map<String, String> checkpoints(String sourceInstance) {
        return store.read(v -> v.checkpoints(sourceInstance));
    }

    @Override
    public void removeCheckpoint(String sourceInstance, String stream) throws JournalException {
        try {
            store.write(true, tx -> tx.removeCheckpoints(sourceInstance, stream));
        } catch (RuntimeException e) {
            throw new JournalException("cannot remove checkpoint " + stream + " of " + sourceInstance
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void quarantine(String sourceInstance, String location, String reason, String content) {
        quarantine(sourceInstance, location, reason, content, true);
    }

    @Override
    public void quarantine(String sourceInstance, String location, String reason, String content, boolean whole) {
        String all = content == null ? "" : content;
        String kept = truncate(all);
        boolean truncated = !whole || kept.length() < all.length();
        String why = truncate(reason == null ? "" : reason);
        try {
            store.write(true, tx -> {
                tx.addQuarantine(sourceInstance, location, why, kept, truncated, System.currentTimeMillis());
                tx.count(Counter.Scope.SOURCE, sourceInstance, Counter.QUARANTINED, 1);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Cannot quarantine a record of {} at {} ({}): {}", sourceInstance, location, why,
                    e.getMessage(), e);
        }
    }

    @Override
    public void problem(String sourceInstance, String problem) {
        requireInstance(sourceInstance);
        Optional<String> before = problems.of(sourceInstance);
        if (problem != null && !problem.isBlank()) {
            if (!before.equals(Optional.of(problem))) {
                LOG.warn("Source {}: {}", sourceInstance, problem);
            }
        } else if (before.isPresent()) {
            LOG.info("Source {} reads again", sourceInstance);
        }
        problems.report(sourceInstance, problem);
    }

    static String truncate(String content) {
        if (content.length() <= MAX_QUARANTINE_CONTENT) {
            return content;
        }
        int end = MAX_QUARANTINE_CONTENT;
        if (Character.isHighSurrogate(content.charAt(end - 1))) {
            end--;
        }
        return content.substring(0, end);
    }

    private static void requireInstance(String instance) {
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("append needs the source instance's name");
        }
    }

    /** Routed and throttled counts of one batch, written to the store once. */
    private static final class RouteCounts {
        private final Map<Route, long[]> counts = new HashMap<>();

        void add(Route r, Counter c) {
            counts.computeIfAbsent(r, k -> new long[Counter.values().length])[c.ordinal()]++;
        }

        void flush(StoreTransaction tx) {
            counts.forEach((r, v) -> {
                for (Counter c : Counter.values()) {
                    if (v[c.ordinal()] > 0) {
                        tx.count(Counter.Scope.ROUTE, r.name(), c, v[c.ordinal()]);
                    }
                }
            });
        }
    }

    /**
     * An event with what the caller's thread worked out for it.
     *
     * @param id          the event's id
     * @param fingerprint the id's fingerprint, which dedupe looks up
     * @param event       the event, for the routes' notifications; null when no route matched it
     * @param input       the envelope fields routes throttle and group on; null when no route that
     *                    matched throttles or groups
     * @param routes      the routes it matched
     * @param serialized  the event serialized for the store
     */
    private record Prepared(String id, long fingerprint, Event event, ObjectNode input, List<Route> routes,
                            EncodedEvent serialized) {
    }
}
