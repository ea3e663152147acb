package dev.herald.core.dispatch;

import dev.herald.api.Sink;
import dev.herald.api.sink.SinkTraits;
import dev.herald.core.template.CachingSinkResources;
import dev.herald.core.template.Escape;
import dev.herald.core.template.SinkResources;
import java.net.URL;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a sink service's properties ({@link SinkTraits}, the typed contract) into a {@link SinkHandle}. */
final class SinkHandles {
    static final String FACTORY_PREFIX = "dev.herald.sink.";
    private static final Logger LOG = LoggerFactory.getLogger(SinkHandles.class);

    private SinkHandles() {
    }

    static Optional<SinkHandle> from(Sink sink, ServiceReference<Sink> ref) {
        SinkTraits traits = SinkTraits.read(ref::getProperty);
        if (traits.name().isEmpty()) {
            LOG.warn("A sink service of bundle {} has no '{}' property; routes cannot use it", ref.getBundle(), Sink.NAME);
            return Optional.empty();
        }
        traits.problem().ifPresent(problem -> LOG.warn("Sink {}: {}", traits.name(), problem));
        return Optional.of(new SinkHandle(traits.name(), kind(ref.getProperty("service.factoryPid")),
                Escape.of(traits.escape()), traits.format().isEmpty() ? null : traits.format(), traits.rate(), sink,
                resources(ref.getBundle()), ref, traits.idempotencyKeys()));
    }

    static String kind(Object factoryPid) {
        if (factoryPid == null) {
            return null;
        }
        String pid = factoryPid.toString();
        return pid.startsWith(FACTORY_PREFIX) ? pid.substring(FACTORY_PREFIX.length()) : pid;
    }

    private static SinkResources resources(Bundle bundle) {
        if (bundle == null) {
            return null;
        }
        return new CachingSinkResources(new SinkResources() {
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
        });
    }
}
