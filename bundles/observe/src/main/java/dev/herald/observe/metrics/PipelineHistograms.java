package dev.herald.observe.metrics;

import dev.herald.api.admin.PipelineListener;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Histograms of what core tells as it happens: journal commit time and delivery latency. */
final class PipelineHistograms implements PipelineListener {
    private final Histogram commit;
    private final Histogram delivery;
    /**
     * Each sink's delivery histogram, found once: this runs for every delivery, and the metric's own
     * lookup builds a list of label values each time. Sinks are few.
     */
    private final Map<String, DistributionDataPoint> deliveryBySink = new ConcurrentHashMap<>();

    PipelineHistograms(PrometheusRegistry registry) {
        commit = Histogram.builder().name("herald_journal_commit_seconds")
                .help("From a source's append until its batch was durable")
                .unit(Unit.SECONDS).labelNames("source")
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        delivery = Histogram.builder().name("herald_delivery_latency_seconds")
                .help("From an event's commit in the journal until the sink accepted it")
                .unit(Unit.SECONDS).labelNames("sink")
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600)
                .register(registry);
    }

    @Override
    public void committed(String sourceInstance, int fresh, Duration took) {
        commit.labelValues(sourceInstance).observe(seconds(took));
    }

    @Override
    public void delivered(String sink, Duration latency) {
        deliveryBySink.computeIfAbsent(sink, delivery::labelValues).observe(seconds(latency));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
