package dev.herald.core.admin;

import dev.herald.api.secret.Secrets;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Replaces every Metatype PASSWORD value of a Herald plugin's configuration by a {@link Secrets}
 * reference in what Config Admin hands to Declarative Services. DS copies component properties
 * into service properties, so without this Karaf's {@code service:list}, {@code scr:info} and the
 * web console's Services and Components pages would show tokens and passwords in clear. The
 * stored configuration (the {@code .cfg} file, the web console's form) is not changed.
 *
 * <p>Ranked 1000, after Felix's interpolation plugin (500), so a {@code $[secret:…]} value is
 * resolved first and then concealed.
 */
@Component(service = ConfigurationPlugin.class, property = {
    ConfigurationPlugin.CM_RANKING + ":Integer=1000",
    "config.plugin.id=dev.herald.secrets"})
public final class SecretConcealer implements ConfigurationPlugin {
    private static final String SINKS = "dev.herald.sink.";
    private static final String SOURCES = "dev.herald.source.";

    private final BundleContext context;
    private final MetaTypeService metaType;

    @Activate
    public SecretConcealer(BundleContext context, @Reference MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        if (!(factoryPid instanceof String pid) || !(pid.startsWith(SINKS) || pid.startsWith(SOURCES))) {
            return;
        }
        for (String key : passwords(pid)) {
            if (properties.get(key) instanceof String value) {
                properties.put(key, Secrets.conceal(value));
            }
        }
    }

    /** The PASSWORD attributes of the plugin that declares {@code factoryPid}. */
    private Set<String> passwords(String factoryPid) {
        Set<String> ids = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(factoryPid, null);
            for (AttributeDefinition a : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                if (a.getType() == AttributeDefinition.PASSWORD) {
                    ids.add(a.getID());
                }
            }
        }
        return ids;
    }
}
