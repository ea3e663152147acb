package dev.herald.core.admin;

import dev.herald.api.secret.SecretKeys;
import dev.herald.api.secret.Secrets;
import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces every secret of a Herald plugin's configuration, or of a singleton Herald configuration
 * such as {@code dev.herald.metrics} (see {@link ConcealedConfig}), by a {@link Secrets} reference
 * bound to the configuration and the property, in what Config Admin hands to Declarative Services.
 * A secret is a Metatype PASSWORD attribute, or a name of {@link SecretKeys#KNOWN}. DS copies
 * component properties into service properties, so without this Karaf's {@code service:list},
 * {@code scr:info} and the web console's Services and Components pages would show tokens and
 * passwords in clear. The stored configuration (the {@code .cfg} file, the web console's form)
 * is not changed.
 *
 * <p>Ranked 1000, after Felix's interpolation plugin (500), so a {@code $[secret:…]} value is
 * resolved first and then concealed.
 *
 * <p>Config Admin only consults the plugins registered when it delivers a configuration: a plugin
 * that started while core was stopped holds its secrets in clear. So when core starts, every
 * such configuration that DS does not provably hold concealed is delivered again, this time
 * through the concealer. A deleted configuration's secrets are forgotten.
 */
@Component(service = {ConfigurationPlugin.class, ConfigurationListener.class}, immediate = true, property = {
    ConfigurationPlugin.CM_RANKING + ":Integer=1000",
    "config.plugin.id=dev.herald.secrets"})
public final class SecretConcealer implements ConfigurationPlugin, ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(SecretConcealer.class);
    private static final long STOP_WAIT_MS = 5000;

    private final BundleContext context;
    private final MetaTypeService metaType;
    private final Thread redelivery;

    /**
     * Starts handing the exposed configurations again on a thread of its own: Config Admin may be
     * waiting for this very activation to finish (to call the plugin), while handing a
     * configuration again waits for Config Admin.
     */
    @Activate
    public SecretConcealer(BundleContext context, @Reference MetaTypeService metaType,
                           @Reference ConfigurationAdmin configs, @Reference ServiceComponentRuntime runtime) {
        this.context = context;
        this.metaType = metaType;
        this.redelivery = new Thread(() -> redeliverUnconcealed(configs, runtime), "herald-secret-redelivery");
        redelivery.setDaemon(true);
        redelivery.start();
    }

    @Deactivate
    void stop() throws InterruptedException {
        redelivery.interrupt();
        redelivery.join(STOP_WAIT_MS);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        ConcealedConfig.of(properties.get(Constants.SERVICE_PID), properties.get(ConfigurationAdmin.SERVICE_FACTORYPID))
                .ifPresent(config -> conceal(config, properties));
    }

    private void conceal(ConcealedConfig config, Dictionary<String, Object> properties) {
        for (String key : secrets(config, properties)) {
            Object value = properties.get(key);
            if (value instanceof String text) {
                properties.put(key, Secrets.conceal(config.pid(), key, text));
            } else if (value == null) {
                Secrets.conceal(config.pid(), key, null);
            }
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            Secrets.forget(event.getPid());
        }
    }

    /**
     * Has Config Admin deliver again each concealed configuration with a secret that no component
     * holds as a reference: delivered before this concealer was registered (core was stopped or
     * not yet started), or being delivered right now without it (no component holds it yet).
     */
    private void redeliverUnconcealed(ConfigurationAdmin configs, ServiceComponentRuntime runtime) {
        Configuration[] all;
        try {
            all = configs.listConfigurations(ConcealedConfig.FILTER);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Cannot list the plugin configurations to conceal their secrets", e);
            return;
        }
        Set<String> handled = new HashSet<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            handled.addAll(Arrays.asList(description.configurationPid));
        }
        Map<String, Map<String, Object>> delivered = componentProperties(runtime);
        for (Configuration c : all == null ? new Configuration[0] : all) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Dictionary<String, Object> stored = c.getProperties();
            ConcealedConfig config = ConcealedConfig.of(c.getPid(), c.getFactoryPid()).orElse(null);
            if (stored == null || config == null || !handled.contains(config.metatypePid())) {
                continue; // no plugin is installed to hand it to
            }
            Set<String> secrets = secrets(config, stored);
            Map<String, Object> held = delivered.get(c.getPid());
            boolean exposed = secrets.stream().anyMatch(key -> clear(stored.get(key))
                    && (held == null || clear(held.get(key))));
            if (exposed) {
                try {
                    // stored again unchanged: update() without properties would not tell DS (no CM_UPDATED)
                    LOG.info("Handing {} to its plugin again, to conceal its secrets", c.getPid());
                    c.update(stored);
                } catch (IOException e) {
                    LOG.error("Cannot hand {} to its plugin again to conceal its secrets", c.getPid(), e);
                }
            }
        }
    }

    /** The properties of every component made from a configuration, by the configuration's PID. */
    private static Map<String, Map<String, Object>> componentProperties(ServiceComponentRuntime runtime) {
        Map<String, Map<String, Object>> byPid = new HashMap<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.properties.get(Constants.SERVICE_PID) instanceof String pid) {
                    byPid.put(pid, configuration.properties);
                }
            }
        }
        return byPid;
    }

    /** Whether a property value is a secret in clear (not blank, not a reference). */
    private static boolean clear(Object value) {
        return value instanceof String text && !text.isBlank() && !text.startsWith(Secrets.PREFIX);
    }

    /** The secret properties of a configuration: the PASSWORD attributes its owner declares, and those Herald knows. */
    private Set<String> secrets(ConcealedConfig config, Dictionary<String, Object> properties) {
        Set<String> passwords = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info != null && Arrays.asList(config.factory() ? info.getFactoryPids() : info.getPids())
                    .contains(config.metatypePid())) {
                passwords.addAll(PasswordAttributes.of(info, config.metatypePid()));
            }
        }
        return ConcealedConfig.secrets(passwords, properties);
    }
}
