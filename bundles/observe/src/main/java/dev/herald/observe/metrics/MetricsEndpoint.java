package dev.herald.observe.metrics;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.PipelineListener;
import dev.herald.api.secret.Secrets;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Hashtable;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Serves {@code /metrics} through the HTTP Whiteboard: Herald's counters read from
 * {@link HeraldAdmin} at each scrape, the journal and delivery histograms fed by core, and the
 * JVM's metrics. The servlet is registered by hand so that the token, a component property,
 * never becomes a service property.
 */
@Component(immediate = true, service = {}, configurationPid = MetricsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsConfig.class)
public final class MetricsEndpoint {
    static final String PATH = "/metrics";

    private final HeraldAdmin admin;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private volatile Snapshot current = Snapshot.EMPTY;
    private final ServiceRegistration<Servlet> servlet;
    private final ServiceRegistration<PipelineListener> listener;

    @Activate
    public MetricsEndpoint(@Reference HeraldAdmin admin, BundleContext context, MetricsConfig config) {
        this.admin = admin;
        HeraldCollectors.register(registry, () -> current);
        JvmMetrics.builder().register(registry);
        listener = context.registerService(PipelineListener.class, new PipelineHistograms(registry), null);
        MetricsAccess access = new MetricsAccess(Secrets.reveal(config.token()),
                new JaasRealm(config.realm(), config.role()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", PATH);
        props.put("osgi.http.whiteboard.servlet.name", "herald-metrics");
        servlet = context.registerService(Servlet.class, new MetricsServlet(access, this::scrape), props);
    }

    @Deactivate
    void stop() {
        servlet.unregister();
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
