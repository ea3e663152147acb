package dev.herald.core.kind;

import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordKinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record kinds plugin bundles contribute ({@link RecordKind} services), as they come and go,
 * in the order sources try them: highest {@code service.ranking} first, of equal rankings the one
 * registered first. Sources read through {@link #recognizer}, which looks the kinds up for every
 * record; templates get an event's summary from here ({@link #summary}).
 *
 * <p>A kind that leaves is logged, and shown as a problem ({@link #problems}, in {@code herald:status}
 * and the web console) until it returns, with what it means: its records are read as generic JSON
 * (source {@code json}), and routes that select on its name stop matching them. Two kinds
 * of the same name are a mistake in a plugin: it is logged, and only the one first in order is
 * tried (the other takes over if that one leaves).
 */
@Component(service = RecordKinds.class)
public final class KindRegistry implements RecordKinds {
    private static final Logger LOG = LoggerFactory.getLogger(KindRegistry.class);
    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new ArrayList<>();
    /** Kinds that were here and left, by name: why their records are generic JSON now. */
    private final Map<String, String> gone = new ConcurrentHashMap<>();
    /** What {@link #kinds()} returns: rebuilt on every change, read lock-free for every record. */
    private volatile List<RecordKind> kinds = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void addKind(RecordKind kind, Map<String, Object> properties) {
        String name = kind.name();
        if (entries.stream().anyMatch(e -> e.kind.name().equals(name))) {
            LOG.warn("Record kind '{}' ({}) is registered twice; only the one ranked higher (or, of equal rankings,"
                    + " registered first) is tried: uninstall one of the two bundles", name, kind.getClass().getName());
        }
        entries.add(new Entry(kind, ranking(properties), serviceId(properties)));
        publish();
        gone.remove(name);
        LOG.info("Record kind '{}' is recognised ({})", name, kind.getClass().getName());
    }

    public synchronized void removeKind(RecordKind kind) {
        if (entries.removeIf(e -> e.kind == kind)) {
            publish();
            if (kind(kind.name()).isEmpty()) {
                String why = "record kind '" + kind.name() + "' (" + kind.getClass().getName() + ") is gone: its"
                        + " records are read as generic JSON (source " + GENERIC + ") until a bundle providing it is"
                        + " started again, and routes and templates that select on '" + kind.name() + "' do not see"
                        + " them; start its bundle or install its feature again";
                gone.put(kind.name(), why);
                LOG.warn("Record kind '{}' is gone: its records are read as generic JSON (source {}) until a bundle"
                        + " providing it is started again; routes and templates that select on '{}' no longer see"
                        + " them", kind.name(), GENERIC, kind.name());
            }
        }
    }

    @Override
    public Map<String, String> problems() {
        return Map.copyOf(gone);
    }

    @Override
    public List<RecordKind> kinds() {
        return kinds;
    }

    private void publish() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        List<RecordKind> unique = new ArrayList<>();
        for (Entry e : sorted) {
            if (unique.stream().noneMatch(k -> k.name().equals(e.kind.name()))) {
                unique.add(e.kind);
            }
        }
        kinds = List.copyOf(unique);
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
    }

    private record Entry(RecordKind kind, int ranking, long serviceId) {
    }
}
