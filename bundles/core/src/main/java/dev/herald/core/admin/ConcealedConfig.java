package dev.herald.core.admin;

import dev.herald.api.secret.SecretKeys;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A Herald configuration whose secrets core conceals: a sink's or a source's factory
 * configuration, or a singleton configuration of Herald's own (such as {@code dev.herald.metrics},
 * whose token the metrics endpoint reveals). Route configurations and other bundles'
 * configurations are not: they declare no secrets, and their components reveal none.
 *
 * @param pid         the configuration's {@code service.pid}, which the references are bound to
 * @param metatypePid the PID whose Metatype definition declares its attributes: the factory PID of
 *                    a factory configuration, the PID itself of a singleton
 * @param factory     whether {@code metatypePid} is a factory PID
 */
record ConcealedConfig(String pid, String metatypePid, boolean factory) {
    private static final String HERALD = "dev.herald.";
    private static final String SINKS = HERALD + "sink.";
    private static final String SOURCES = HERALD + "source.";
    private static final String FACTORY_PID = ConfigurationAdmin.SERVICE_FACTORYPID;

    /** Config Admin's filter for the configurations {@link #of} accepts, to hand them again. */
    static final String FILTER = "(|(" + FACTORY_PID + "=" + SINKS + "*)(" + FACTORY_PID + "=" + SOURCES + "*)"
            + "(&(service.pid=" + HERALD + "*)(!(" + FACTORY_PID + "=*))))";

    /** The configuration with these PIDs ({@code factoryPid} null for a singleton), when its secrets are concealed. */
    static Optional<ConcealedConfig> of(Object pid, Object factoryPid) {
        if (!(pid instanceof String servicePid)) {
            return Optional.empty();
        }
        if (factoryPid == null) {
            return servicePid.startsWith(HERALD)
                    ? Optional.of(new ConcealedConfig(servicePid, servicePid, false)) : Optional.empty();
        }
        return factoryPid instanceof String f && (f.startsWith(SINKS) || f.startsWith(SOURCES))
                ? Optional.of(new ConcealedConfig(servicePid, f, true)) : Optional.empty();
    }

    /**
     * Its secret properties: the PASSWORD attributes its Metatype declares, and the names of
     * {@link SecretKeys#KNOWN} it has (concealed even when its Metatype cannot be read).
     */
    static Set<String> secrets(Set<String> passwordAttributes, Dictionary<String, ?> properties) {
        Set<String> keys = new HashSet<>(passwordAttributes);
        for (String key : SecretKeys.KNOWN) {
            if (properties.get(key) != null) {
                keys.add(key);
            }
        }
        return keys;
    }
}
