package dev.herald.core.route;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link RouteTable} in step with the {@code dev.herald.route} configurations. It reads
 * them straight from Configuration Admin, so that every route configured when Herald starts is
 * in place before the journal accepts its first event, and re-reads them on every change.
 */
@Component(service = {Routes.class, ConfigurationListener.class})
public final class RouteRegistry implements Routes, ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);
    private static final String FILTER = "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + RouteConfig.FACTORY_PID + ")";

    private final ConfigurationAdmin configAdmin;
    private volatile RouteTable table = RouteTable.empty();

    @Activate
    public RouteRegistry(@Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        reload();
    }

    @Override
    public RouteTable table() {
        return table;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (RouteConfig.FACTORY_PID.equals(event.getFactoryPid())) {
            reload();
        }
    }

    private synchronized void reload() {
        Map<String, Map<String, Object>> configs = new HashMap<>();
        try {
            Configuration[] found = configAdmin.listConfigurations(FILTER);
            for (Configuration c : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> props = c.getProperties();
                if (props != null) {
                    configs.put(c.getPid(), toMap(props));
                }
            }
        } catch (Exception e) {
            LOG.error("Cannot read the route configurations; keeping the current routes", e);
            return;
        }
        RouteTable next = RouteTable.fromConfigurations(configs, table);
        for (RouteDefinition d : next.definitions()) {
            if (!d.valid()) {
                LOG.warn("Route {} ({}) is invalid and matches nothing: {}", d.name(), d.pid(), d.error());
            }
        }
        table = next;
        LOG.info("Routes: {} configured", configs.size());
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> props) {
        Map<String, Object> m = new HashMap<>();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            if (!k.equals(Constants.SERVICE_PID)) {
                m.put(k, props.get(k));
            }
        }
        return m;
    }
}
