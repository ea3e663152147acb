package dev.herald.core.store;

import java.time.Duration;
import org.h2.mvstore.MVMap;

/**
 * The ids a source instance has sent, in two generations. New ids go into the current one; when
 * it holds half the allowed ids or is half the allowed age old, the older generation is dropped
 * whole and the current one becomes the older. So an id is remembered for at least half the
 * limits and never beyond them, at the cost of one insert per new id (no per-id pruning).
 */
final class SeenIds {
    private final MvMaps maps;
    private final String instance;
    private final long maxIds;
    private final Duration maxAge;
    private int current;
    private long start;
    /** The two generations' maps while this transaction runs; null before first use. */
    private MVMap<String, Boolean> currentMap;
    private MVMap<String, Boolean> previousMap;

    private SeenIds(MvMaps maps, String instance, long maxIds, Duration maxAge) {
        this.maps = maps;
        this.instance = instance;
        this.maxIds = maxIds;
        this.maxAge = maxAge;
        this.current = Math.toIntExact(maps.meta().getOrDefault(MvView.key("seen.current", instance), 0L));
        this.start = maps.meta().getOrDefault(MvView.key("seen.start", instance), -1L);
    }

    static SeenIds load(MvMaps maps, String instance, long maxIds, Duration maxAge) {
        return new SeenIds(maps, instance, maxIds, maxAge);
    }

    /** Remembers the id; false when it was already remembered. */
    boolean add(String id, long now) {
        if (start < 0) {
            start = now;
        }
        if (currentMap == null) {
            currentMap = maps.seen(current, instance);
            previousMap = maps.seen(1 - current, instance);
        }
        if (currentMap.containsKey(id) || previousMap.containsKey(id)) {
            return false;
        }
        currentMap.put(id, Boolean.TRUE);
        return true;
    }

    /** Drops the older generation if the current one is full or old; saves the state. */
    void rotateIfDue(long now) {
        long age = now - start;
        if (age >= maxAge.toMillis()) {
            maps.seen(current, instance).clear();
            maps.seen(1 - current, instance).clear();
            start = now;
        } else if (maps.seen(current, instance).sizeAsLong() >= Math.max(1, maxIds / 2) || age >= maxAge.toMillis() / 2) {
            current = 1 - current;
            maps.seen(current, instance).clear();
            start = now;
        }
        maps.meta().put(MvView.key("seen.current", instance), (long) current);
        maps.meta().put(MvView.key("seen.start", instance), start);
    }
}
