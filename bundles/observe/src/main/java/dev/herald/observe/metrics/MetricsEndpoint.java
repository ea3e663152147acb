package dev.herald.observe.metrics;

import dev.herald.api.secret.Secrets;
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
 * Serves {@link HeraldMetrics} on {@code /metrics} through the HTTP Whiteboard, to the callers
 * {@link MetricsAccess} lets in. The servlet is registered by hand so that the token, a
 * component property, never becomes a service property.
 */
@Component(immediate = true, service = {}, configurationPid = MetricsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MetricsConfig.class)
public final class MetricsEndpoint {
    static final String PATH = "/metrics";

    private final ServiceRegistration<Servlet> servlet;

    @Activate
    public MetricsEndpoint(@Reference HeraldMetrics metrics, BundleContext context, MetricsConfig config) {
        MetricsAccess access = new MetricsAccess(Secrets.reveal(MetricsConfig.PID, "token", config.token()),
                new JaasRealm(config.realm(), config.role()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", PATH);
        props.put("osgi.http.whiteboard.servlet.name", "herald-metrics");
        servlet = context.registerService(Servlet.class, new MetricsServlet(access, metrics::scrape), props);
    }

    @Deactivate
    void stop() {
        servlet.unregister();
    }
}
