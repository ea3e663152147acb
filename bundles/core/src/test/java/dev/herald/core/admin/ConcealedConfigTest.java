package dev.herald.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;

class ConcealedConfigTest {
    @Test
    void aPluginsFactoryConfigurationIsLookedUpByItsFactoryPid() {
        assertEquals(Optional.of(new ConcealedConfig("dev.herald.sink.slack~soc", "dev.herald.sink.slack", true)),
                ConcealedConfig.of("dev.herald.sink.slack~soc", "dev.herald.sink.slack"));
        assertEquals(Optional.of(new ConcealedConfig("dev.herald.source.pce~a", "dev.herald.source.pce", true)),
                ConcealedConfig.of("dev.herald.source.pce~a", "dev.herald.source.pce"));
    }

    @Test
    void aSingletonHeraldConfigurationIsLookedUpByItsPid() {
        assertEquals(Optional.of(new ConcealedConfig("dev.herald.metrics", "dev.herald.metrics", false)),
                ConcealedConfig.of("dev.herald.metrics", null));
        assertTrue(ConcealedConfig.of("dev.herald.http", null).isPresent());
    }

    @Test
    void routesAndOtherBundlesConfigurationsAreLeftAlone() {
        assertFalse(ConcealedConfig.of("dev.herald.route~critical", "dev.herald.route").isPresent(), "a route");
        assertFalse(ConcealedConfig.of("org.apache.karaf.shell", null).isPresent(), "Karaf's own");
        assertFalse(ConcealedConfig.of("org.ops4j.pax.web", null).isPresent(), "Karaf's own");
        assertFalse(ConcealedConfig.of("x~1", "org.example.factory").isPresent(), "another bundle's factory");
        assertFalse(ConcealedConfig.of(null, "dev.herald.sink.slack").isPresent(), "no service.pid");
    }

    /** Core's start hands again what the filter lists: it must list the singletons, or their secrets stay in clear. */
    @Test
    void theRedeliveryFilterListsExactlyTheConcealedConfigurations() throws Exception {
        Filter filter = FrameworkUtil.createFilter(ConcealedConfig.FILTER);
        assertTrue(filter.match(config("dev.herald.metrics", null)), "the metrics singleton");
        assertTrue(filter.match(config("dev.herald.sink.slack~soc", "dev.herald.sink.slack")));
        assertTrue(filter.match(config("dev.herald.source.pce~a", "dev.herald.source.pce")));
        assertFalse(filter.match(config("dev.herald.route~critical", "dev.herald.route")), "a route");
        assertFalse(filter.match(config("org.apache.karaf.shell", null)), "Karaf's own");
    }

    @Test
    void secretsArePasswordAttributesAndTheKnownNamesPresent() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("token", "t");
        props.put("realm", "karaf");
        props.put("name", "soc");
        assertEquals(Set.of("token", "signing_key"), ConcealedConfig.secrets(Set.of("signing_key"), props));
        props.remove("token");
        assertEquals(Set.of(), ConcealedConfig.secrets(Set.of(), props), "a known name that is absent");
    }

    private static Hashtable<String, Object> config(String pid, String factoryPid) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", pid);
        if (factoryPid != null) {
            props.put("service.factoryPid", factoryPid);
        }
        return props;
    }
}
