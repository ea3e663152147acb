package dev.herald.observe.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeraldCollectorsTest {
    /** One source, route and sink, each with distinct counts. */
    static final Snapshot SAMPLE = new Snapshot(
            List.of(new SourceView("files", "file", "active", null, Map.of(), new Counters(10, 2, 1, 0, 0, 0, 0, 0), 1, null)),
            List.of(new RouteView("loud", true, null, "{}", List.of("hook"), null, null, new Counters(0, 0, 0, 7, 3, 0, 0, 0, 9))),
            List.of(new SinkView("hook", "webhook", "active", null, Map.of(), new Counters(0, 0, 0, 0, 0, 5, 4, 2, 8), 6, 2, "503", null, 0)),
            Set.of("hook"), 1, true, 4096);

    @Test
    void everyCounterAndGaugeIsExposedWithItsLabel() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        HeraldCollectors.register(registry, () -> SAMPLE);
        PipelineHistograms histograms = new PipelineHistograms(registry);
        histograms.delivered("hook", Duration.ofMillis(300));
        histograms.committed("files", 10, Duration.ofMillis(3));

        String text = scrape(registry);
        for (String line : List.of(
                "herald_source_received_total{source=\"files\"} 10.0",
                "herald_source_deduped_total{source=\"files\"} 2.0",
                "herald_source_quarantined_total{source=\"files\"} 1.0",
                "herald_route_routed_total{route=\"loud\"} 7.0",
                "herald_route_throttled_total{route=\"loud\"} 3.0",
                "herald_route_silenced_total{route=\"loud\"} 9.0",
                "herald_sink_delivered_total{sink=\"hook\"} 5.0",
                "herald_sink_retried_total{sink=\"hook\"} 4.0",
                "herald_sink_dead_lettered_total{sink=\"hook\"} 2.0",
                "herald_sink_silenced_total{sink=\"hook\"} 8.0",
                "herald_sink_waiting{sink=\"hook\"} 6.0",
                "herald_sink_dead_letters{sink=\"hook\"} 2.0",
                "herald_sink_paused{sink=\"hook\"} 1.0",
                "herald_store_size_bytes 4096.0",
                "herald_store_up 1.0",
                "herald_delivery_latency_seconds_bucket{sink=\"hook\",le=\"0.25\"} 0",
                "herald_delivery_latency_seconds_bucket{sink=\"hook\",le=\"0.5\"} 1",
                "herald_delivery_latency_seconds_count{sink=\"hook\"} 1",
                "herald_journal_commit_seconds_count{source=\"files\"} 1")) {
            assertTrue(text.contains(line + "\n"), "expected " + line + " in\n" + text);
        }
    }

    @Test
    void aStoreThatCannotBeReadShowsDownAndNoInstances() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        HeraldCollectors.register(registry, () -> Snapshot.EMPTY);
        String text = scrape(registry);
        assertTrue(text.contains("herald_store_up 0.0\n"), text);
        assertTrue(!text.contains("sink=\""), text);
    }

    @Test
    void everyHeraldMetricOfTheGrafanaDashboardIsExposed() throws Exception {
        String dashboard = Files.readString(Path.of("../../docs/grafana/herald.json"));
        PrometheusRegistry registry = new PrometheusRegistry();
        HeraldCollectors.register(registry, () -> SAMPLE);
        PipelineHistograms histograms = new PipelineHistograms(registry);
        histograms.delivered("hook", Duration.ofMillis(300));
        histograms.committed("files", 10, Duration.ofMillis(3));
        String text = scrape(registry);
        Matcher m = Pattern.compile("herald_[a-z_]+").matcher(dashboard);
        int seen = 0;
        while (m.find()) {
            seen++;
            assertTrue(text.contains("# TYPE " + m.group() + " ")
                            || text.contains("# TYPE " + m.group().replaceAll("_(total|bucket)$", "") + " "),
                    "the dashboard asks for " + m.group() + ", which /metrics does not have");
        }
        assertTrue(seen > 10, "the dashboard shows Herald's metrics");
    }

    private static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
