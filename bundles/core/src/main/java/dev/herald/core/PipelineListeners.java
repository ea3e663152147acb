package dev.herald.core;

import dev.herald.api.admin.PipelineListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link PipelineListener} services (metrics) what the journal and the dispatcher did;
 * a listener that fails never disturbs them.
 */
public final class PipelineListeners {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineListeners.class);

    private final Supplier<List<PipelineListener>> listeners;

    /** @param listeners the listeners bound right now (a component's dynamic reference) */
    public PipelineListeners(Supplier<List<PipelineListener>> listeners) {
        this.listeners = listeners;
    }

    public void committed(String sourceInstance, int fresh, Duration took) {
        for (PipelineListener l : listeners.get()) {
            try {
                l.committed(sourceInstance, fresh, took);
            } catch (RuntimeException e) {
                LOG.warn("Pipeline listener {} failed: {}", l, e.toString(), e);
            }
        }
    }

    public void delivered(String sink, Duration latency) {
        for (PipelineListener l : listeners.get()) {
            try {
                l.delivered(sink, latency);
            } catch (RuntimeException e) {
                LOG.warn("Pipeline listener {} failed: {}", l, e.toString(), e);
            }
        }
    }
}
