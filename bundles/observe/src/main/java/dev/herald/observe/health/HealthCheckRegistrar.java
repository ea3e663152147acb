package dev.herald.observe.health;

import dev.herald.api.admin.HeraldAdmin;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Felix {@link HealthCheck} service per source, sink, invalid route and the store,
 * tagged {@code herald}, {@code herald-<kind>} and the instance's name, registering and
 * unregistering them as instances are configured and removed.
 */
@Component(immediate = true)
public final class HealthCheckRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckRegistrar.class);
    /** How often the set of instances is looked at again; a check itself is judged when it runs. */
    static final long SYNC_SECONDS = 5;

    private final HeraldAdmin admin;
    private final BundleContext context;
    private final Map<String, ServiceRegistration<HealthCheck>> registered = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-health-checks");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public HealthCheckRegistrar(@Reference HeraldAdmin admin, BundleContext context) {
        this.admin = admin;
        this.context = context;
        timer.scheduleWithFixedDelay(this::sync, 0, SYNC_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (registered) {
            registered.values().forEach(HealthCheckRegistrar::unregister);
            registered.clear();
        }
    }

    private void sync() {
        try {
            Map<String, Assessment> now = Assessor.assess(admin).stream()
                    .collect(Collectors.toMap(Assessment::subject, a -> a, (a, b) -> a));
            if (now.values().stream().anyMatch(a -> a.condition() == Condition.STORE_FAILING)) {
                return; // the instances cannot be listed: keep the checks there are, each reports the store
            }
            synchronized (registered) {
                registered.entrySet().removeIf(e -> {
                    boolean gone = !now.containsKey(e.getKey());
                    if (gone) {
                        unregister(e.getValue());
                    }
                    return gone;
                });
                for (Assessment a : now.values()) {
                    registered.computeIfAbsent(a.subject(), s -> context.registerService(HealthCheck.class,
                            new SubjectHealthCheck(admin, s), properties(a)));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot update Herald's health checks: {}", e.toString(), e);
        }
    }

    static Dictionary<String, Object> properties(Assessment a) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(HealthCheck.NAME, "Herald " + a.subject());
        p.put(HealthCheck.TAGS, tags(a).toArray(String[]::new));
        return p;
    }

    static Set<String> tags(Assessment a) {
        return new LinkedHashSet<>(List.of("herald", "herald-" + a.kind(), a.name()));
    }

    private static void unregister(ServiceRegistration<HealthCheck> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
    }
}
