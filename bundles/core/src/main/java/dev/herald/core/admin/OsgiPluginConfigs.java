package dev.herald.core.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PluginConfigs} from Configuration Admin, with each configuration's fate from the DS
 * runtime (failed activation, unsatisfied references) and its PASSWORD attributes from Metatype.
 */
@Component(service = PluginConfigs.class)
public final class OsgiPluginConfigs implements PluginConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(OsgiPluginConfigs.class);
    private static final String CAUSED_BY = "Caused by: ";
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^[\\w.$]+(?:Exception|Error): (.*)$");

    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetaTypeService metaType;

    @Activate
    public OsgiPluginConfigs(@Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this.configAdmin = configAdmin;
        this.context = context;
    }

    @Override
    public List<PluginInstance> instances(String prefix) {
        List<PluginInstance> out = new ArrayList<>();
        Configuration[] configs;
        try {
            configs = configAdmin.listConfigurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + prefix + "*)");
        } catch (Exception e) {
            LOG.error("Cannot list the {}* configurations", prefix, e);
            return out;
        }
        ServiceComponentRuntime runtime = scr;
        Collection<ComponentDescriptionDTO> descriptions = runtime == null ? List.of()
                : runtime.getComponentDescriptionDTOs();
        for (Configuration c : configs == null ? new Configuration[0] : configs) {
            Map<String, Object> props = toMap(c.getProperties());
            String factoryPid = c.getFactoryPid();
            Object name = props.get("name");
            ComponentDescriptionDTO description = descriptions.stream()
                    .filter(d -> List.of(d.configurationPid).contains(factoryPid)).findFirst().orElse(null);
            Fate fate = fate(runtime, description, c.getPid(), factoryPid);
            out.add(new PluginInstance(factoryPid.substring(prefix.length()), c.getPid(),
                    name == null ? c.getPid() : name.toString(), fate.state(), fate.error(),
                    SecretMasker.mask(props, passwords(description, factoryPid))));
        }
        return out;
    }

    /** The state and error of the component configuration made from this configuration. */
    private static Fate fate(ServiceComponentRuntime runtime, ComponentDescriptionDTO description, String pid,
                                 String factoryPid) {
        if (runtime == null) {
            return new Fate(PluginState.ACTIVE, null);
        }
        if (description == null) {
            return new Fate(PluginState.NOT_INSTALLED, "no installed plugin handles " + factoryPid
                    + ": install its feature (herald-" + factoryPid.substring("dev.herald.".length()).replace('.', '-') + ")");
        }
        for (ComponentConfigurationDTO cc : runtime.getComponentConfigurationDTOs(description)) {
            if (!pid.equals(cc.properties.get("service.pid"))) {
                continue;
            }
            switch (cc.state) {
                case ComponentConfigurationDTO.FAILED_ACTIVATION:
                    return new Fate(PluginState.FAILED, reason(cc.failure));
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                    return new Fate(PluginState.FAILED, "waiting for " + missing(cc.unsatisfiedReferences));
                case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                    return new Fate(PluginState.FAILED, "its configuration is not satisfied");
                default:
                    return new Fate(PluginState.ACTIVE, null);
            }
        }
        return runtime.isComponentEnabled(description)
                ? new Fate(PluginState.STARTING, "starting: no component has been made from this configuration yet;"
                        + " if this lasts, look for errors in the Karaf log (log:display)")
                : new Fate(PluginState.FAILED, "the component " + description.name + " is disabled");
    }

    /** What DS made of a configuration. */
    private record Fate(PluginState state, String error) {
    }

    private static String missing(UnsatisfiedReferenceDTO[] refs) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO r : refs == null ? new UnsatisfiedReferenceDTO[0] : refs) {
            names.add(r.name + (r.target == null ? "" : " " + r.target));
        }
        return names.isEmpty() ? "a service" : String.join(", ", names);
    }

    /**
     * The message of the root cause in a DS failure text (a stack trace). Components that validate
     * in their constructor fail with an InvocationTargetException whose cause says what is wrong.
     */
    static String reason(String failure) {
        if (failure == null) {
            return "activation failed";
        }
        String line = failure.lines().filter(l -> l.startsWith(CAUSED_BY)).reduce((first, last) -> last)
                .map(l -> l.substring(CAUSED_BY.length())).orElse(failure.lines().findFirst().orElse(failure)).trim();
        Matcher m = EXCEPTION_PREFIX.matcher(line);
        return m.matches() ? m.group(1) : line;
    }

    private Set<String> passwords(ComponentDescriptionDTO description, String factoryPid) {
        MetaTypeService mts = metaType;
        Bundle bundle = description == null ? null : context.getBundle(description.bundle.id);
        if (mts == null || bundle == null) {
            return Set.of();
        }
        return PasswordAttributes.of(mts.getMetaTypeInformation(bundle), factoryPid);
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> props) {
        Map<String, Object> m = new HashMap<>();
        if (props != null) {
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                m.put(k, props.get(k));
            }
        }
        return m;
    }
}
