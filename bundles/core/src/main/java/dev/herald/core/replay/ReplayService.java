package dev.herald.core.replay;

import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import dev.herald.api.admin.SelfAlerts;
import dev.herald.core.CoreConfig;
import dev.herald.core.CoreSettings;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.route.DefinitionMatcher;
import dev.herald.core.route.RouteDefinition;
import dev.herald.core.route.Routes;
import dev.herald.core.store.RetainedEvent;
import dev.herald.core.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the events the event log retains against one route ({@code herald:replay}): reads the
 * range a page at a time, so memory stays bounded however long it is, matches each event against
 * the route's definition (enabled or not) and, unless it is a dry run, puts one outbox entry per
 * match and chosen sink into the normal outboxes, where retries and dead letters work as for any
 * other entry. The entries carry the replay's id, which scopes their idempotency keys. Silences
 * do not apply: a replay is an operator's explicit order (and the way to send what a silence held
 * back). Nor does a route's grouping ({@code group_by}): a replay sends each event on its own, so a
 * resend is complete event by event and never joins, or delays, a group of live traffic.
 */
@Component(service = ReplayService.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ReplayService {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    /** Events read, and entries written, per store transaction. */
    static final int PAGE = 500;

    private final Store store;
    private final Routes routes;
    private final Predicate<String> sinkExists;
    private final Duration retention;
    private final long retentionBytes;
    private final Clock clock;
    private final Supplier<String> ids;

    @Activate
    public ReplayService(@Reference Store store, @Reference Routes routes, @Reference Dispatcher dispatcher,
                         CoreConfig config) {
        this(store, routes, name -> dispatcher.sink(name).isPresent(), CoreSettings.from(config), Clock.systemUTC(),
                () -> UUID.randomUUID().toString());
    }

    /**
     * @param sinkExists whether a sink of that name is configured
     * @param settings   for the event log's retention
     * @param ids        a new replay id on each call
     */
    public ReplayService(Store store, Routes routes, Predicate<String> sinkExists, CoreSettings settings, Clock clock,
                         Supplier<String> ids) {
        this.store = store;
        this.routes = routes;
        this.sinkExists = sinkExists;
        this.retention = settings.eventRetention();
        this.retentionBytes = settings.eventRetentionBytes();
        this.clock = clock;
        this.ids = ids;
    }

    /** @throws IllegalArgumentException when the request cannot be carried out, saying why */
    public ReplayResult replay(ReplayRequest request) {
        Instant now = clock.instant();
        Instant since = request.since();
        Instant until = request.until() == null ? now : request.until();
        checkRange(since, until, now);
        RouteDefinition route = route(request.route());
        DefinitionMatcher matcher = new DefinitionMatcher(route);
        List<String> sinks = sinks(route, request.sinks());
        String replay = request.send() ? ids.get() : null;
        Map<String, Long> perSink = new LinkedHashMap<>();
        sinks.forEach(s -> perSink.put(s, 0L));
        long scanned = 0;
        long matched = 0;
        long afterKey = 0;
        while (true) {
            long after = afterKey;
            List<RetainedEvent> page = store.read(v -> v.events(since, until, after, PAGE));
            List<Delivery> deliveries = new ArrayList<>();
            for (RetainedEvent retained : page) {
                scanned++;
                Event event = retained.decodeEvent();
                if (selected(request, event) && matcher.matches(event)) {
                    matched++;
                    Severity severity = event.severity().atLeast(route.severity());
                    for (String sink : sinks) {
                        // as in normal routing: a self alert about a sink never goes to that sink
                        if (!SelfAlerts.isAbout(event, sink)) {
                            deliveries.add(new Delivery(retained.key(), sink, severity));
                        }
                    }
                }
            }
            if (request.send()) {
                enqueue(route.name(), deliveries, replay, now.toEpochMilli()).forEach((s, n) -> perSink.merge(s, n, Long::sum));
            } else {
                deliveries.forEach(d -> perSink.merge(d.sink(), 1L, Long::sum));
            }
            if (page.size() < PAGE) {
                break;
            }
            afterKey = page.get(page.size() - 1).key();
        }
        if (request.send()) {
            LOG.info("Replay {} of route {} from {} to {}: {} events scanned, {} matched, queued {}", replay,
                    route.name(), since, until, scanned, matched, perSink);
        }
        return new ReplayResult(replay, since, until, scanned, matched, perSink, request.send());
    }

    /**
     * Puts one page's deliveries into the outboxes in one commit; an event that retention dropped
     * since the page was read is skipped (the range was checked to be retained, so only the size
     * limit can do that). Returns how many entries each sink got.
     */
    private Map<String, Long> enqueue(String route, List<Delivery> deliveries, String replay, long now) {
        if (deliveries.isEmpty()) {
            return Map.of();
        }
        return store.write(true, tx -> {
            Map<String, Long> queued = new LinkedHashMap<>();
            for (Delivery d : deliveries) {
                if (tx.event(d.eventKey()).isPresent()) {
                    tx.enqueueReplay(d.sink(), route, d.severity(), d.eventKey(), now, replay);
                    queued.merge(d.sink(), 1L, Long::sum);
                }
            }
            return queued;
        });
    }

    private void checkRange(Instant since, Instant until, Instant now) {
        if (since == null) {
            throw new IllegalArgumentException("give --since: the start of the time range to replay");
        }
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("--until (" + until + ") must be after --since (" + since + ")");
        }
        if (since.isAfter(now)) {
            throw new IllegalArgumentException("--since (" + since + ") is in the future; it is now " + now);
        }
        Instant oldest = now.minus(retention);
        long dropped = store.read(v -> v.eventsDroppedUntil());
        if (since.isBefore(oldest) || since.toEpochMilli() <= dropped) {
            Instant from = dropped == 0 ? oldest : latest(oldest, Instant.ofEpochMilli(dropped + 1));
            throw new IllegalArgumentException("--since " + since + " is beyond what the event log retains: it keeps"
                    + " events for " + hours(retention) + " and at most " + (retentionBytes >> 20) + " MiB"
                    + " (event_retention_hours, event_retention_mb in dev.herald.core), and holds every event"
                    + " received from " + from + " on; replay from then, and raise the retention to replay"
                    + " further back in the future");
        }
    }

    private RouteDefinition route(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("give --route: the route whose pattern the events are matched against");
        }
        List<RouteDefinition> all = routes.table().definitions();
        return all.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route named '" + name + "'; configured routes: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(RouteDefinition::name).toList()))));
    }

    /** The chosen sinks: all of the route's, or the named ones, which must be among them and configured. */
    private List<String> sinks(RouteDefinition route, List<String> named) {
        List<String> chosen = named.isEmpty() ? route.sinks() : named;
        for (String sink : chosen) {
            if (!route.sinks().contains(sink)) {
                throw new IllegalArgumentException("sink '" + sink + "' is not a sink of route " + route.name()
                        + "; its sinks: " + String.join(", ", route.sinks()));
            }
            if (!sinkExists.test(sink)) {
                throw new IllegalArgumentException("sink '" + sink + "' of route " + route.name() + " is not"
                        + " configured, so nothing would deliver what the replay queues for it; configure it, or"
                        + " choose the route's other sinks with --sink");
            }
        }
        return List.copyOf(new LinkedHashSet<>(chosen));
    }

    /** Whether the event passes the request's filters; {@code source} names the source kind or instance. */
    private static boolean selected(ReplayRequest r, Event e) {
        return (r.source() == null || r.source().equals(e.source()) || r.source().equals(e.instance()))
                && (r.type() == null || r.type().equals(e.type()))
                && (r.id() == null || r.id().equals(e.id()));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String hours(Duration d) {
        long h = d.toHours();
        return h % 24 == 0 && h >= 48 ? (h / 24) + " days" : h + " hours";
    }

    /** One notification to queue: the logged event, the sink, its severity on the route. */
    private record Delivery(long eventKey, String sink, Severity severity) {
    }
}
