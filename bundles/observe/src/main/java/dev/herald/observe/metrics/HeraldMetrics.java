package dev.herald.observe.metrics;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.PipelineListener;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Herald's metrics registry: the counters read from {@link HeraldAdmin} at each scrape, the
 * journal and delivery histograms fed by core, and the JVM's metrics. A component of its own so
 * that reconfiguring the endpoint's access does not reset the histograms; immediate, so that it
 * also lives on while the endpoint is being reconfigured.
 */
@Component(service = HeraldMetrics.class, immediate = true)
public final class HeraldMetrics {
    private final HeraldAdmin admin;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ServiceRegistration<PipelineListener> listener;
    private volatile Snapshot current = Snapshot.EMPTY;

    @Activate
    public HeraldMetrics(@Reference HeraldAdmin admin, BundleContext context) {
        this.admin = admin;
        HeraldCollectors.register(registry, () -> current);
        JvmMetrics.builder().register(registry);
        listener = context.registerService(PipelineListener.class, new PipelineHistograms(registry), null);
    }

    @Deactivate
    void stop() {
        listener.unregister();
    }

    /** One scrape: Herald's state is read once, then every metric reports from it. */
    synchronized MetricSnapshots scrape() {
        current = Snapshot.read(admin);
        try {
            return registry.scrape();
        } finally {
            current = Snapshot.EMPTY;
        }
    }
}
