package dev.herald.core.dispatch;

import dev.herald.api.Sink;
import dev.herald.core.template.Escape;
import dev.herald.core.template.SinkResources;
import java.net.URL;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a sink service's properties into a {@link SinkHandle}. */
final class SinkHandles {
    static final String FACTORY_PREFIX = "dev.herald.sink.";
    private static final Logger LOG = LoggerFactory.getLogger(SinkHandles.class);

    private SinkHandles() {
    }

    static Optional<SinkHandle> from(Sink sink, ServiceReference<Sink> ref) {
        Object name = ref.getProperty(Sink.NAME);
        if (name == null || name.toString().isBlank()) {
            LOG.warn("A sink service of bundle {} has no '{}' property; routes cannot use it", ref.getBundle(), Sink.NAME);
            return Optional.empty();
        }
        return Optional.of(new SinkHandle(name.toString().trim(), kind(ref.getProperty("service.factoryPid")),
                Escape.of(ref.getProperty(Sink.TEMPLATE_ESCAPE)), templateSet(ref.getProperty(Sink.FORMAT)), rate(ref.getProperty(Sink.RATE)), sink,
                resources(ref.getBundle()), ref));
    }

    static String kind(Object factoryPid) {
        if (factoryPid == null) {
            return null;
        }
        String pid = factoryPid.toString();
        return pid.startsWith(FACTORY_PREFIX) ? pid.substring(FACTORY_PREFIX.length()) : pid;
    }

    private static String templateSet(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static double rate(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            LOG.warn("Sink rate '{}' is not a number; sending without a rate limit", value);
            return 0;
        }
    }

    private static SinkResources resources(Bundle bundle) {
        if (bundle == null) {
            return null;
        }
        return new SinkResources() {
            @Override
            public URL entry(String path) {
                return bundle.getEntry(path);
            }

            @Override
            public long version() {
                return bundle.getLastModified();
            }

            @Override
            public String name() {
                return bundle.getSymbolicName();
            }
        };
    }
}
