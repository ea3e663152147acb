package dev.herald.core.admin;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeadLetterView;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.EventView;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.OutboxView;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SendResult;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.api.admin.SilenceView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.SinkHandle;
import dev.herald.core.enrich.EnrichmentStage;
import dev.herald.core.replay.ReplayService;
import dev.herald.core.route.Route;
import dev.herald.core.route.RouteDefinition;
import dev.herald.core.route.RouteTable;
import dev.herald.core.route.Routes;
import dev.herald.core.runbook.RunbookEnricher;
import dev.herald.core.silence.SilenceService;
import dev.herald.core.store.Counter;
import dev.herald.core.store.DeadLetter;
import dev.herald.core.store.RetainedEvent;
import dev.herald.core.store.Silence;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoreTransaction;
import dev.herald.core.store.StoreView;
import dev.herald.core.template.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link HeraldAdmin}: the store's state joined with the live configuration. */
@Component(service = HeraldAdmin.class)
public final class AdminService implements HeraldAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
    /** Dead letters are moved or purged this many per commit, so memory stays bounded. */
    static final int CHUNK = 1_000;

    private final Store store;
    private final Routes routes;
    private final Dispatcher dispatcher;
    private final PluginConfigs configs;
    private final SourceProblems sourceProblems;
    private final PluginCompatibility compatibility;
    /** The sources' quarantine retry services, by instance name. */
    private final Map<String, QuarantineRetry> retries = new ConcurrentHashMap<>();
    private final QuarantineRetrier retrier;
    /** Whose enrichers' failures the overview shows; an admin built without OSGi has none. */
    @Reference
    EnrichmentStage enrichment = new EnrichmentStage();
    /** Carries out {@link #replay}; an admin built without OSGi is given one, or refuses replays. */
    @Reference
    ReplayService replays;
    /** Keeps the silences; an admin built without OSGi is given one, or refuses silences. */
    @Reference
    SilenceService silenceService;

    /** Whose record kinds that left the overview shows; an admin built without OSGi has none. */
    @Reference
    RecordKinds kinds = RecordKinds.of();
    /** Whose catalogue problems the overview shows, while the runbook enricher runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RunbookEnricher runbooks;

    @Activate
    public AdminService(@Reference Store store, @Reference Routes routes, @Reference Dispatcher dispatcher,
                        @Reference PluginConfigs configs, @Reference SourceProblems sourceProblems,
                        @Reference PluginCompatibility compatibility, @Reference Journal journal) {
        this.sourceProblems = sourceProblems;
        this.compatibility = compatibility;
        this.store = store;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.configs = configs;
        this.retrier = new QuarantineRetrier(store, journal, name -> Optional.ofNullable(retries.get(name)));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRetry(QuarantineRetry retry, Map<String, Object> properties) {
        if (properties.get(QuarantineRetry.INSTANCE) instanceof String name) {
            retries.put(name, retry);
        }
    }

    void unbindRetry(QuarantineRetry retry, Map<String, Object> properties) {
        if (properties.get(QuarantineRetry.INSTANCE) instanceof String name) {
            retries.remove(name, retry);
        }
    }

    @Override
    public Overview overview() {
        record Totals(Counters counters, long pending, long dead, long quarantined) {
        }
        Totals t;
        try {
            t = store.read(v -> {
                Counters sum = Counters.ZERO;
                for (Counter.Scope scope : Counter.Scope.values()) {
                    for (Counters c : v.counters(scope).values()) {
                        sum = Counter.sum(sum, c);
                    }
                }
                sum = silencedBySinks(sum, v.counters(Counter.Scope.SINK).values());
                long pending = v.outboxSinks().stream().mapToLong(v::pending).sum();
                long dead = v.deadLetterSinks().stream().mapToLong(v::deadLetterCount).sum();
                return new Totals(sum, pending, dead, v.quarantined());
            });
        } catch (StoreException unreadable) {
            // the store's own problem says why; the overview must still show it
            t = new Totals(Counters.ZERO, 0, 0, 0);
        }
        return new Overview(store.location(), t.counters(), t.pending(), t.dead(), t.quarantined(), problems());
    }

    /**
     * The totals with silenced counted once per held notification, as the sinks count it: the
     * routes count the same notification once for each route it carried.
     */
    private static Counters silencedBySinks(Counters t, Collection<Counters> sinks) {
        long silenced = sinks.stream().mapToLong(Counters::silenced).sum();
        return new Counters(t.received(), t.deduped(), t.quarantined(), t.routed(), t.throttled(), t.delivered(),
                t.retried(), t.deadLettered(), silenced);
    }

    private List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        store.problems().forEach(p -> out.add(new Problem("store", p)));
        for (RouteDefinition d : routes.table().definitions()) {
            if (!d.valid()) {
                out.add(new Problem("route " + d.name(), d.error()));
            } else if (d.enabled()) {
                for (String sink : d.sinks()) {
                    if (dispatcher.sink(sink).isEmpty()) {
                        out.add(new Problem("route " + d.name(), "sink '" + sink + "' does not exist: its entries "
                                + "wait; configure a sink named " + sink + " or fix the route's sinks"));
                    }
                }
            }
        }
        sourceProblems.all().forEach((instance, problem) -> out.add(new Problem("source " + instance, problem)));
        compatibility.mismatches().forEach(m -> out.add(new Problem("plugin " + m.plugin(), m.message())));
        enrichment.problems().forEach((name, problem) -> out.add(new Problem("enricher " + name, problem)));
        kinds.problems().forEach((name, problem) -> out.add(new Problem("record kind " + name, problem)));
        RunbookEnricher catalogue = runbooks;
        if (catalogue != null) {
            catalogue.problems().forEach((file, problem) -> out.add(new Problem("runbooks " + file, problem)));
        }
        for (String prefix : List.of(PluginConfigs.SOURCE_PREFIX, PluginConfigs.SINK_PREFIX)) {
            String what = prefix.equals(PluginConfigs.SOURCE_PREFIX) ? "source " : "sink ";
            for (PluginInstance p : configs.instances(prefix)) {
                if (p.state() != PluginState.ACTIVE) {
                    out.add(new Problem(what + p.kind() + "/" + p.name(), p.error()));
                }
            }
        }
        return out;
    }

    @Override
    public List<SourceView> sources() {
        List<PluginInstance> configured = configs.instances(PluginConfigs.SOURCE_PREFIX);
        Set<String> names = new TreeSet<>(store.read(StoreView::sourceInstances));
        configured.forEach(p -> names.add(p.name()));
        return store.read(v -> {
            List<SourceView> out = new ArrayList<>();
            for (String name : names) {
                PluginInstance p = configured.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
                String state = p == null ? "inactive" : switch (p.state()) {
                    case ACTIVE -> "active";
                    case STARTING -> "starting";
                    case FAILED -> "failed";
                    case NOT_INSTALLED -> "inactive";
                };
                String error = p != null && p.error() != null ? p.error() : sourceProblems.of(name).orElse(null);
                out.add(new SourceView(name, p == null ? "?" : p.kind(), state, error,
                        p == null ? Map.of() : p.settings(), v.counters(Counter.Scope.SOURCE, name),
                        v.checkpoints(name).size(), v.lastAppend(name).orElse(null)));
            }
            return out;
        });
    }

    @Override
    public List<SinkView> sinks() {
        List<PluginInstance> configured = configs.instances(PluginConfigs.SINK_PREFIX);
        Set<String> names = knownSinks(configured);
        names.addAll(store.read(v -> {
            Set<String> s = new TreeSet<>(v.outboxSinks());
            s.addAll(v.deadLetterSinks());
            return s;
        }));
        return store.read(v -> {
            List<SinkView> out = new ArrayList<>();
            for (String name : names) {
                PluginInstance p = configured.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
                Optional<SinkHandle> live = dispatcher.sink(name);
                String state = live.isPresent() ? "active" : p == null ? "absent" : switch (p.state()) {
                    case FAILED -> "failed";
                    case STARTING -> "starting";
                    case ACTIVE, NOT_INSTALLED -> "absent";
                };
                String kind = p != null ? p.kind() : live.map(SinkHandle::kind).orElse("?");
                String error = live.isPresent() ? null : p != null ? p.error() : "no sink is configured with this name";
                out.add(new SinkView(name, kind == null ? "?" : kind, state, error, p == null ? Map.of() : p.settings(),
                        v.counters(Counter.Scope.SINK, name), v.pending(name), v.deadLetterCount(name),
                        v.lastError(name).orElse(null), v.lastSuccess(name).orElse(null),
                        v.deadLettersDropped(name)));
            }
            return out;
        });
    }

    @Override
    public List<RouteView> routes() {
        List<RouteDefinition> defs = routes.table().definitions();
        return store.read(v -> defs.stream().map(d -> new RouteView(d.name(), d.enabled(), d.error(), d.pattern(),
                d.sinks(), d.severity() == null ? null : d.severity().label(), d.throttleText(),
                v.counters(Counter.Scope.ROUTE, d.name()))).toList());
    }

    @Override
    public List<RouteMatch> routeTest(Event given) {
        // as the journal would route it: routes may match on what the enrichers add
        Event event = enrichment.enrich(given);
        List<RouteMatch> out = new ArrayList<>();
        RouteTable table = routes.table();
        for (Route r : table.match(table.input(event))) {
            var severity = r.effectiveSeverity(event.severity());
            List<RouteMatch.Rendered> bodies = new ArrayList<>();
            for (String sink : r.definition().sinks()) {
                Optional<SinkHandle> h = dispatcher.sink(sink);
                if (h.isEmpty()) {
                    bodies.add(new RouteMatch.Rendered(sink, null, "sink " + sink + " is not running"));
                    continue;
                }
                try {
                    bodies.add(new RouteMatch.Rendered(sink, dispatcher.preview(h.get(), event, r.name(), severity), null));
                } catch (TemplateException e) {
                    bodies.add(new RouteMatch.Rendered(sink, null, e.getMessage()));
                }
            }
            out.add(new RouteMatch(r.name(), severity.label(), bodies));
        }
        return out;
    }

    @Override
    public SendResult sendTest(String sink, Event event) {
        return dispatcher.sendNow(sink, event == null ? TestEvent.create() : event, TestEvent.ROUTE);
    }

    @Override
    public List<EventView> events(String text, int limit) {
        String needle = text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
        Predicate<RetainedEvent> filter = needle == null ? r -> true : r -> {
            Event e = r.decodeEvent();
            return contains(e.id(), needle) || contains(e.type(), needle) || contains(e.instance(), needle)
                    || contains(e.raw(), needle);
        };
        return store.read(v -> v.recent(filter, limit)).stream().map(AdminService::view).toList();
    }

    @Override
    public Optional<EventView> event(String id) {
        return store.read(v -> v.recent(r -> r.decodeEvent().id().equals(id), 1)).stream().findFirst()
                .map(AdminService::view);
    }

    @Override
    public List<DeadLetterView> deadLetters(String sink, int limit) {
        return store.read(v -> v.deadLetters(sink, 0, limit)).stream().map(AdminService::view).toList();
    }

    @Override
    public int retryDeadLetters(String sink, List<Long> ids) {
        return moveDeadLetters(sink, ids, (tx, d) -> tx.retryDeadLetter(d.entry().sink(), d.id(), System.currentTimeMillis()));
    }

    @Override
    public int purgeDeadLetters(String sink, List<Long> ids) {
        return moveDeadLetters(sink, ids, (tx, d) -> tx.removeDeadLetter(d.entry().sink(), d.id()) != null);
    }

    /**
     * Applies {@code action} to the selected dead letters, a chunk per commit. Only letters that
     * existed when it started are touched, so letters that die again meanwhile are not looped over.
     */
    private int moveDeadLetters(String sink, List<Long> ids, BiFunction<StoreTransaction, DeadLetter, Boolean> action) {
        Set<Long> wanted = ids == null || ids.isEmpty() ? null : Set.copyOf(ids);
        long last = store.read(StoreView::lastId);
        int moved = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<DeadLetter> chunk = store.read(v -> v.deadLetters(sink, from, CHUNK)).stream()
                    .filter(d -> d.id() <= last).toList();
            if (chunk.isEmpty()) {
                return moved;
            }
            List<DeadLetter> selected = chunk.stream().filter(d -> wanted == null || wanted.contains(d.id())).toList();
            moved += store.write(true, tx -> (int) selected.stream().filter(d -> action.apply(tx, d)).count());
            after = chunk.get(chunk.size() - 1).id();
        }
    }

    @Override
    public List<OutboxView> outboxes() {
        return store.read(v -> v.outboxSinks().stream().map(sink -> new OutboxView(sink, v.pending(sink),
                v.oldestEnqueued(sink).stream().mapToObj(Instant::ofEpochMilli).findFirst().orElse(null))).toList());
    }

    /** Deletes a chunk per commit, only entries there when it started: a busy route cannot keep it going. */
    @Override
    public long purgeOutbox(String sink) {
        if (sink == null || sink.isBlank()) {
            throw new IllegalArgumentException("purging an outbox needs the sink's name");
        }
        long last = store.read(StoreView::lastId);
        long purged = 0;
        int n;
        do {
            n = store.write(true, tx -> tx.removeOutbox(sink, last, CHUNK));
            purged += n;
        } while (n == CHUNK);
        LOG.info("Outbox of sink {} purged: {} waiting entries deleted", sink, purged);
        return purged;
    }

    @Override
    public List<QuarantineView> quarantine(String source, int limit) {
        return store.read(v -> v.quarantine(source, limit));
    }

    /** Deletes a chunk per commit, only records there when it started, like {@link #purgeOutbox}. */
    @Override
    public int purgeQuarantine(String source, List<Long> ids) {
        Set<Long> wanted = ids == null || ids.isEmpty() ? null : Set.copyOf(ids);
        long last = store.read(StoreView::lastId);
        int purged = 0;
        int n;
        do {
            n = store.write(true, tx -> tx.removeQuarantine(source, wanted, last, CHUNK));
            purged += n;
        } while (n == CHUNK);
        LOG.info("Quarantine purged ({}): {} records deleted", source == null ? "all sources" : "source " + source, purged);
        return purged;
    }

    @Override
    public List<QuarantineRetryResult> retryQuarantine(String source, List<Long> ids) {
        return retrier.retry(source, ids);
    }

    @Override
    public List<DeliveryView> history(int limit) {
        return store.read(v -> v.history(limit));
    }

    @Override
    public Map<String, String> checkpoints(String source) {
        return store.read(v -> v.checkpoints(source));
    }

    @Override
    public int resetCheckpoint(String source, String stream) {
        return store.write(true, tx -> tx.removeCheckpoints(source, stream));
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private static EventView view(RetainedEvent r) {
        return new EventView(r.decodeEvent(), Instant.ofEpochMilli(r.received()), r.routes());
    }

    private static DeadLetterView view(DeadLetter d) {
        String id = "?";
        String type = "?";
        try {
            Event e = d.entry().decodeEvent();
            id = e.id();
            type = e.type();
        } catch (RuntimeException unreadable) {
            LOG.warn("Dead letter {} holds an event that cannot be read", d.id(), unreadable);
        }
        return new DeadLetterView(d.id(), d.entry().sink(), d.entry().route(), id, type, d.entry().attempts(),
                d.entry().firstTryAt() == 0 ? null : Instant.ofEpochMilli(d.entry().firstTryAt()),
                Instant.ofEpochMilli(d.deadAt()), d.reason());
    }

    /** Sinks that are configured, running, or named by a route. */
    private Set<String> knownSinks(List<PluginInstance> configured) {
        Set<String> names = new TreeSet<>();
        configured.forEach(p -> names.add(p.name()));
        dispatcher.sinks().forEach(h -> names.add(h.name()));
        routes.table().definitions().forEach(d -> names.addAll(d.sinks()));
        return names;
    }

    @Override
    public SilenceView addSilence(SilenceRequest request) {
        return view(silenceService().add(request, knownSinks(configs.instances(PluginConfigs.SINK_PREFIX))));
    }

    @Override
    public List<SilenceView> silences() {
        return silenceService().list().stream().map(this::view).toList();
    }

    @Override
    public SilenceView expireSilence(long id, String by) {
        return view(silenceService().expire(id, by));
    }

    private SilenceService silenceService() {
        if (silenceService == null) {
            throw new IllegalStateException("silences are not available: core's silence service is not running");
        }
        return silenceService;
    }

    private SilenceView view(Silence s) {
        return new SilenceView(s.id(), s.pattern(), s.sinks(), Instant.ofEpochMilli(s.start()),
                Instant.ofEpochMilli(s.end()), s.comment(), s.creator(), s.expiredBy(), silenceService.activeNow(s));
    }

    @Override
    public ReplayResult replay(ReplayRequest request) {
        if (replays == null) {
            throw new IllegalStateException("replays are not available: core's replay service is not running");
        }
        return replays.replay(request);
    }
}
