package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.h2.mvstore.MVMap;

/**
 * The ring of recent events: event number {@code n} lives in slot {@code n mod capacity}, so adding
 * one overwrites the oldest in a single step. Meta entry {@link #NEXT} is the next event number.
 */
final class RecentRing {
    static final String NEXT = "recent.next";
    static final String CAPACITY = "recent.capacity";

    private RecentRing() {
    }

    static long slot(long position, int capacity) {
        return position % capacity;
    }

    /** Newest first, those that pass the filter, at most {@code limit}. */
    static List<RecentEvent> newest(MvMaps maps, int capacity, Predicate<RecentEvent> filter, int limit) {
        List<RecentEvent> out = new ArrayList<>();
        if (!maps.exists(MvMaps.RECENT) || !maps.exists(MvMaps.META)) {
            return out;
        }
        MVMap<Long, byte[]> ring = maps.log(MvMaps.RECENT);
        long next = maps.meta().getOrDefault(NEXT, 0L);
        for (long p = next - 1; p >= Math.max(0, next - capacity) && out.size() < limit; p--) {
            byte[] v = ring.get(slot(p, capacity));
            if (v != null) {
                RecentEvent e = RecordCodec.recent(v);
                if (e.seq() == p && filter.test(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Empties the ring when its capacity was changed, since slots depend on it. */
    static void resize(MvMaps maps, int capacity) {
        Long old = maps.meta().get(CAPACITY);
        if (old == null || old != capacity) {
            maps.log(MvMaps.RECENT).clear();
            maps.meta().put(NEXT, 0L);
            maps.meta().put(CAPACITY, (long) capacity);
        }
    }
}
