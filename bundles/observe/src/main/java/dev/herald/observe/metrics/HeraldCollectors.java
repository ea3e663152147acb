package dev.herald.observe.metrics;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Registers Herald's counters and gauges: each reads the {@link Snapshot} of the scrape in
 * progress, so nothing is counted twice (the store holds the counts, these only expose them).
 */
final class HeraldCollectors {

    private HeraldCollectors() {
    }

    static void register(PrometheusRegistry registry, Supplier<Snapshot> now) {
        sourceCounter(registry, now, "received", "Events a source handed to the journal", Counters::received);
        sourceCounter(registry, now, "deduped", "Events dropped because their id was already seen", Counters::deduped);
        sourceCounter(registry, now, "quarantined", "Records a source could not read, kept in quarantine", Counters::quarantined);
        counter(registry, now, "herald_route_routed", "Events a route matched and queued", "route",
                Snapshot::routes, RouteView::name, r -> r.counters().routed());
        counter(registry, now, "herald_route_throttled", "Events a route matched but its throttle held back", "route",
                Snapshot::routes, RouteView::name, r -> r.counters().throttled());
        counter(registry, now, "herald_route_silenced", "Notifications carrying the route that a silence held back",
                "route", Snapshot::routes, RouteView::name, r -> r.counters().silenced());
        sinkCounter(registry, now, "delivered", "Entries the sink accepted", Counters::delivered);
        sinkCounter(registry, now, "retried", "Failed attempts that will be tried again", Counters::retried);
        sinkCounter(registry, now, "dead_lettered", "Entries moved to the dead-letter store", Counters::deadLettered);
        sinkCounter(registry, now, "silenced", "Notifications to the sink that a silence held back", Counters::silenced);
        gauge(registry, now, "herald_sink_waiting", "Outbox entries waiting for the sink", "sink",
                Snapshot::sinks, SinkView::name, SinkView::pending);
        gauge(registry, now, "herald_sink_dead_letters", "Dead letters of the sink", "sink",
                Snapshot::sinks, SinkView::name, SinkView::deadLetters);
        gauge(registry, now, "herald_sink_paused", "1 while the sink backs off after a failed attempt with entries waiting",
                "sink", Snapshot::sinks, SinkView::name, s -> now.get().paused().contains(s.name()) ? 1 : 0);
        GaugeWithCallback.builder().name("herald_quarantine_records").help("Records kept in quarantine")
                .callback(cb -> cb.call(now.get().quarantined())).register(registry);
        GaugeWithCallback.builder().name("herald_store_size_bytes").help("Size of the store's file")
                .callback(cb -> cb.call(now.get().storeBytes())).register(registry);
        GaugeWithCallback.builder().name("herald_store_up").help("1 when the store can be read")
                .callback(cb -> cb.call(now.get().storeReadable() ? 1 : 0)).register(registry);
    }

    private static void sourceCounter(PrometheusRegistry registry, Supplier<Snapshot> now, String what, String help,
                                      ToLongFunction<Counters> value) {
        counter(registry, now, "herald_source_" + what, help, "source", Snapshot::sources, SourceView::instance,
                s -> value.applyAsLong(s.counters()));
    }

    private static void sinkCounter(PrometheusRegistry registry, Supplier<Snapshot> now, String what, String help,
                                    ToLongFunction<Counters> value) {
        counter(registry, now, "herald_sink_" + what, help, "sink", Snapshot::sinks, SinkView::name,
                s -> value.applyAsLong(s.counters()));
    }

    private static <T> void counter(PrometheusRegistry registry, Supplier<Snapshot> now, String name, String help,
                                    String label, Function<Snapshot, List<T>> items,
                                    Function<T, String> labelValue, ToLongFunction<T> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(cb -> items.apply(now.get()).forEach(i -> cb.call(value.applyAsLong(i), labelValue.apply(i))))
                .register(registry);
    }

    private static <T> void gauge(PrometheusRegistry registry, Supplier<Snapshot> now, String name, String help,
                                  String label, Function<Snapshot, List<T>> items,
                                  Function<T, String> labelValue, ToLongFunction<T> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(cb -> items.apply(now.get()).forEach(i -> cb.call(value.applyAsLong(i), labelValue.apply(i))))
                .register(registry);
    }
}
