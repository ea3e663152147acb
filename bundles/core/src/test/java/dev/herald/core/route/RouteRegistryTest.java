package dev.herald.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.core.TestEvents;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.junit.jupiter.api.Test;

class RouteRegistryTest {
    private final List<Configuration> configs = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();

    private final ConfigurationAdmin configAdmin = proxy(ConfigurationAdmin.class, (name, args) -> {
        if (name.equals("listConfigurations")) {
            filters.add((String) args[0]);
            return configs.isEmpty() ? null : configs.toArray(new Configuration[0]);
        }
        throw new UnsupportedOperationException(name);
    });

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> answer.apply(m.getName(), a));
    }

    private void configure(String pid, Map<String, Object> props) {
        Dictionary<String, Object> d = new Hashtable<>(props);
        d.put("service.pid", pid);
        configs.add(proxy(Configuration.class, (name, args) -> switch (name) {
            case "getPid" -> pid;
            case "getFactoryPid" -> RouteConfig.FACTORY_PID;
            case "getProperties" -> d;
            default -> throw new UnsupportedOperationException(name);
        }));
    }

    private ConfigurationEvent changed(String factoryPid) {
        ServiceReference<ConfigurationAdmin> ref = proxy(ServiceReference.class, (n, a) -> null);
        return new ConfigurationEvent(ref, ConfigurationEvent.CM_UPDATED, factoryPid, factoryPid + "~x");
    }

    @Test
    void readsRoutesAtStartAndAgainOnEveryRouteChange() {
        configure("dev.herald.route~a", TestEvents.route("a", "{\"source\":[\"json\"]}", "s"));
        RouteRegistry registry = new RouteRegistry(configAdmin);
        assertEquals("(service.factoryPid=dev.herald.route)", filters.get(0));
        assertEquals(List.of("a"), registry.table().definitions().stream().map(RouteDefinition::name).toList());

        configure("dev.herald.route~b", TestEvents.route("b", "{\"source\":[\"json\"]", "s"));
        registry.configurationEvent(changed("dev.herald.sink.slack"));
        assertEquals(1, registry.table().definitions().size(), "other configurations are ignored");

        registry.configurationEvent(changed(RouteConfig.FACTORY_PID));
        assertEquals(2, registry.table().definitions().size());
        assertTrue(registry.table().route("a").isPresent());
        assertTrue(registry.table().route("b").isEmpty(), "the invalid route is listed but inactive");
    }
}
