package dev.herald.core.dispatch;

import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.Sink;
import dev.herald.api.admin.PipelineListener;
import dev.herald.api.admin.SendResult;
import dev.herald.core.CoreConfig;
import dev.herald.core.CoreSettings;
import dev.herald.core.PipelineListeners;
import dev.herald.core.route.Routes;
import dev.herald.core.store.Store;
import dev.herald.core.template.TemplateException;
import dev.herald.core.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link SinkWorker} per present sink, found by its {@code name} service property. A sink
 * that appears picks up the entries waiting for it; one that goes away leaves them waiting.
 * Immediate: deliveries must run whether or not anyone looks at the dispatcher.
 *
 * <p>At most one worker of a name delivers at any time: a replaced worker is asked to stop, and
 * its replacement waits until it has ended (its send in flight finished and recorded). The
 * replaced ones are kept as {@code retiring} until then, so that deactivation stops them too.
 */
@Component(service = Dispatcher.class, configurationPid = CoreConfig.PID, immediate = true)
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** How long a send in flight may take to end once its worker is asked to stop. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How long an interrupted send may take to end at shutdown, before it is left behind. */
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(1);

    private final Store store;
    private final Bodies bodies;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final Consumer<String> wake = this::wake;
    /** Every registration by name, in arrival order; the last one of a name is the one used. */
    private final Map<String, List<SinkHandle>> registered = new HashMap<>();
    private final Map<String, SinkWorker> workers = new HashMap<>();
    /** Workers asked to stop whose thread may still be running. */
    private final List<SinkWorker> retiring = new ArrayList<>();
    private boolean running;
    /** Told how long each accepted delivery took from the journal (metrics); bound and unbound at any time. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<PipelineListener> listeners = List.of();

    @Activate
    public Dispatcher(CoreConfig config, @Reference Store store, @Reference Routes routes,
                      @Reference TemplateRenderer renderer) {
        this(CoreSettings.from(config), store, new Bodies(routes, renderer));
    }

    public Dispatcher(CoreSettings settings, Store store, Bodies bodies) {
        this(settings, store, bodies, Clock.systemUTC());
    }

    /** As {@link #Dispatcher(CoreSettings, Store, Bodies)}, with the clock that says when entries are due. */
    public Dispatcher(CoreSettings settings, Store store, Bodies bodies, Clock clock) {
        this.store = store;
        this.bodies = bodies;
        this.recorder = new OutcomeRecorder(settings, new PipelineListeners(() -> listeners));
        this.clock = clock;
    }

    @Activate
    public void activate() {
        store.addOutboxListener(wake);
        synchronized (this) {
            running = true;
            registered.keySet().forEach(this::refresh);
        }
    }

    /**
     * Stops every worker within {@link #STOP_GRACE} plus {@link #ABANDON_GRACE}, all at once:
     * sends still in flight after the first are interrupted and abandoned (their entries stay in
     * the outbox); a sink that ignores the interrupt keeps its thread until its send returns, but
     * that thread records nothing and touches the store no more.
     */
    @Deactivate
    public void deactivate() {
        store.removeOutboxListener(wake);
        List<SinkWorker> stopping;
        synchronized (this) {
            running = false;
            stopping = new ArrayList<>(workers.values());
            stopping.addAll(retiring);
            workers.clear();
            retiring.clear();
        }
        stopping.forEach(SinkWorker::requestStop);
        List<SinkWorker> sending = awaitEnd(stopping, STOP_GRACE);
        sending.forEach(SinkWorker::abandon);
        List<SinkWorker> left = awaitEnd(sending, ABANDON_GRACE);
        if (!left.isEmpty()) {
            LOG.warn("Sinks {} did not return from send when interrupted at shutdown: their threads end when"
                    + " the send does, and their entries are delivered again later",
                    left.stream().map(w -> w.sink().name()).toList());
        }
    }

    /** Waits up to {@code grace} in all; returns the workers still running. */
    private static List<SinkWorker> awaitEnd(List<SinkWorker> workers, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        return workers.stream().filter(w -> !w.awaitEnd(deadline)).toList();
    }

    @Reference(service = Sink.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindSink", updated = "updatedSink")
    void bindSink(Sink sink, ServiceReference<Sink> ref) {
        SinkHandles.from(sink, ref).ifPresent(this::addSink);
    }

    void updatedSink(Sink sink, ServiceReference<Sink> ref) {
        removeSink(ref);
        bindSink(sink, ref);
    }

    void unbindSink(Sink sink, ServiceReference<Sink> ref) {
        removeSink(ref);
    }

    /** Adds a sink registration; its worker starts (replacing an older one of the same name). */
    public void addSink(SinkHandle handle) {
        SinkWorker old;
        synchronized (this) {
            registered.computeIfAbsent(handle.name(), n -> new ArrayList<>()).add(handle);
            old = refresh(handle.name());
        }
        stop(old);
    }

    /** Removes the registration with this identity, if present. */
    public void removeSink(Object identity) {
        List<SinkWorker> old = new ArrayList<>();
        synchronized (this) {
            for (String name : new ArrayList<>(registered.keySet())) {
                List<SinkHandle> list = registered.get(name);
                if (list.removeIf(h -> h.identity().equals(identity))) {
                    if (list.isEmpty()) {
                        registered.remove(name);
                    }
                    old.add(refresh(name));
                }
            }
        }
        old.forEach(this::stop);
    }

    /** The sink in use for a name. */
    public synchronized Optional<SinkHandle> sink(String name) {
        List<SinkHandle> list = registered.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** Every present sink, by name. */
    public synchronized Collection<SinkHandle> sinks() {
        Map<String, SinkHandle> out = new TreeMap<>();
        registered.forEach((name, list) -> out.put(name, list.get(list.size() - 1)));
        return List.copyOf(out.values());
    }

    /** Renders and sends an event to a sink now, outside the outbox, and reports the sink's verdict. */
    public SendResult sendNow(String sinkName, Event event, String route) {
        Optional<SinkHandle> found = sink(sinkName);
        if (found.isEmpty()) {
            return new SendResult(false, false, "no sink named " + sinkName + " is running", null);
        }
        SinkHandle sink = found.get();
        Notification n;
        try {
            n = bodies.notification(event, route, event.severity(), sink, 1, null);
        } catch (TemplateException e) {
            return new SendResult(false, false, e.getMessage(), null);
        }
        try {
            sink.sink().send(n);
            return new SendResult(true, false, null, n.body());
        } catch (DeliveryException e) {
            return new SendResult(false, e.isRetryable(), e.getMessage(), n.body());
        } catch (RuntimeException e) {
            return new SendResult(false, true, "sink failed unexpectedly: " + e, n.body());
        }
    }

    /** Renders what a sink would receive, without sending. */
    public String preview(SinkHandle sink, Event event, String route, Severity severity) throws TemplateException {
        return bodies.render(event, route, severity, sink,
                IdempotencyKey.of(event.instance(), event.id(), route, sink.name()));
    }

    private void wake(String sinkName) {
        SinkWorker w;
        synchronized (this) {
            w = workers.get(sinkName);
        }
        if (w != null) {
            w.signal();
        }
    }

    /**
     * Makes the worker of {@code name} match its current registration: a replaced worker is asked
     * to stop and its replacement waits for it. Returns the replaced worker, or null.
     */
    private SinkWorker refresh(String name) {
        SinkHandle wanted = sink(name).orElse(null);
        SinkWorker current = workers.get(name);
        if (current != null && wanted != null && current.sink() == wanted) {
            return null;
        }
        retiring.removeIf(w -> !w.isAlive());
        if (current != null) {
            workers.remove(name);
            current.requestStop();
            retiring.add(current);
        }
        if (running && wanted != null) {
            List<SinkWorker> predecessors = retiring.stream().filter(w -> w.sink().name().equals(name)).toList();
            SinkWorker w = new SinkWorker(wanted, store, bodies, recorder, clock, predecessors);
            workers.put(name, w);
            w.start();
            LOG.info("Sink {} ({}) is present: delivering its outbox", name, wanted.kind());
        }
        return current;
    }

    /**
     * Gives a replaced worker a moment to end, so that a sink service that is going away is not
     * called after its unbinding if that can be helped. It is not interrupted: the outcome of
     * its send in flight is recorded before the replacement may send that entry again.
     */
    private void stop(SinkWorker worker) {
        if (worker != null && !worker.awaitEnd(System.nanoTime() + STOP_GRACE.toNanos())) {
            LOG.warn("Sink {} is still sending to its previous service after {} s; further deliveries to it wait"
                    + " for that send to end", worker.sink().name(), STOP_GRACE.toSeconds());
        }
    }
}
