package dev.herald.core.store;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps of the embedded store, by name. Maps are created only by the writer; readers see a map
 * once it exists.
 */
final class MvMaps {
    static final String META = "meta";
    static final String STATUS = "status";
    static final String CHECKPOINTS = "checkpoints";
    static final String COUNTERS = "counters";
    /** The delivery history of stores written before {@link #HISTORY_BLOCKS}: one record per delivery, still read ({@link History}). */
    static final String HISTORY = "history";
    /** The delivery history, a block per transaction that added deliveries ({@link History}). */
    static final String HISTORY_BLOCKS = "history2";
    static final String QUARANTINE = "quarantine";
    /** Silences by id ({@link RecordCodec#silence}). */
    static final String SILENCES = "silences";
    /** Seen ids per source instance, a block per transaction ({@link SeenIds}). */
    static final String SEEN = "seenblocks.";
    /** Outbox entries and dead letters refer to the {@link EventLog}'s events (layout 2). */
    static final String OUTBOX = "outbox2.";
    static final String DEAD = "dead2.";
    static final String EVENTS = "events";
    static final String EVENT_TIME = "events.time";
    static final String EVENT_PINS = "events.pins";
    /** Grouping routes' groups by id, and their ids by when they are due ({@link Group}). */
    static final String GROUPS = "groups";
    static final String GROUPS_DUE = "groups.due";

    private final MVStore mv;
    private final Map<String, MVMap<?, ?>> open = new ConcurrentHashMap<>();
    /** Plain copies of the event blocks committed last, for the readers of these maps. */
    private final RecentBlocks recentBlocks = new RecentBlocks();

    MvMaps(MVStore mv) {
        this.mv = mv;
    }

    RecentBlocks recentBlocks() {
        return recentBlocks;
    }

    MVMap<String, Long> meta() {
        return open(META, StringDataType.INSTANCE, LongDataType.INSTANCE);
    }

    MVMap<String, String> status() {
        return open(STATUS, StringDataType.INSTANCE, StringDataType.INSTANCE);
    }

    MVMap<String, String> checkpoints() {
        return open(CHECKPOINTS, StringDataType.INSTANCE, StringDataType.INSTANCE);
    }

    MVMap<String, byte[]> counters() {
        return open(COUNTERS, StringDataType.INSTANCE, ByteArrayDataType.INSTANCE);
    }

    /** A map of records or blocks by a key that grows; their memory is counted exactly ({@link BlockDataType}). */
    MVMap<Long, byte[]> log(String name) {
        return open(name, LogKeyType.INSTANCE, BlockDataType.INSTANCE);
    }

    /** An instance's log of seen ids, a {@link SeenBlock} per transaction that added ids ({@link SeenIds}). */
    MVMap<Long, byte[]> seenLog(String instance) {
        return log(SEEN + instance);
    }

    MVMap<OutboxKey, byte[]> outbox(String sink) {
        return open(OUTBOX + sink, OutboxKeyType.INSTANCE, ByteArrayDataType.INSTANCE);
    }

    MVMap<Long, byte[]> dead(String sink) {
        return log(DEAD + sink);
    }

    /** The {@link EventLog}'s blocks, by the key of their first event. */
    MVMap<Long, byte[]> events() {
        return log(EVENTS);
    }

    /** Received time (epoch millis) to the first block whose first event was received then. */
    MVMap<Long, Long> eventTime() {
        return open(EVENT_TIME, LongDataType.INSTANCE, LongDataType.INSTANCE);
    }

    /** Block key to how many outbox entries and dead letters refer to its events. */
    MVMap<Long, Long> eventPins() {
        return open(EVENT_PINS, LongDataType.INSTANCE, LongDataType.INSTANCE);
    }

    MVMap<String, byte[]> groups() {
        return open(GROUPS, StringDataType.INSTANCE, ByteArrayDataType.INSTANCE);
    }

    /** (due, seq) of a group to its id. */
    MVMap<OutboxKey, String> groupsDue() {
        return open(GROUPS_DUE, OutboxKeyType.INSTANCE, StringDataType.INSTANCE);
    }

    /** Closes and deletes a map. */
    void remove(String name) {
        MVMap<?, ?> m = open.remove(name);
        if (m != null) {
            mv.removeMap(m);
        } else if (mv.hasMap(name)) {
            mv.removeMap(name);
        }
    }

    /** Forgets open maps after a rollback, which closes the maps the rolled back work created. */
    void forgetOpenMaps() {
        open.clear();
    }

    /** Whether a map exists: readers check before opening, since only the writer creates maps. */
    boolean exists(String name) {
        return open.containsKey(name) || mv.hasMap(name);
    }

    /** Names after {@code prefix} of the maps that start with it. */
    Set<String> namesAfter(String prefix) {
        Set<String> names = new TreeSet<>();
        for (String n : mv.getMapNames()) {
            if (n.startsWith(prefix)) {
                names.add(n.substring(prefix.length()));
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private <K, V> MVMap<K, V> open(String name, DataType<K> keys, DataType<V> values) {
        return (MVMap<K, V>) open.computeIfAbsent(name,
                n -> mv.openMap(n, new MVMap.Builder<K, V>().keyType(keys).valueType(values)));
    }
}
