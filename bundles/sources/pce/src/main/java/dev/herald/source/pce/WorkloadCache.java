package dev.herald.source.pce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads the PCE enricher looked up, by href or IP address: at most {@code maxEntries}
 * (the least recently used go first), each fetched again once older than {@code refresh} so that
 * label and enforcement changes show. What the PCE does not know is cached too, so an unknown
 * address costs one request per refresh, not one per event.
 */
final class WorkloadCache {
    /** Looks one key up at the PCE; empty when it has no such workload. */
    interface Fetch {
        Optional<ObjectNode> fetch(String key) throws Exception;
    }

    private record Entry(Optional<ObjectNode> workload, Instant fetched) {
    }

    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Entry> entries;

    WorkloadCache(int maxEntries, Duration refresh, Clock clock) {
        this.refresh = refresh;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The cached workload of {@code key}, or what {@code fetch} finds when there is none or it is
     * older than the refresh interval. The fetch runs outside the lock: a slow PCE holds up only
     * the lookups that need it.
     */
    Optional<ObjectNode> get(String key, Fetch fetch) throws Exception {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry cached = entries.get(key);
            if (cached != null && now.isBefore(cached.fetched().plus(refresh))) {
                return cached.workload();
            }
        }
        Optional<ObjectNode> found = fetch.fetch(key);
        synchronized (entries) {
            entries.put(key, new Entry(found, now));
        }
        return found;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
