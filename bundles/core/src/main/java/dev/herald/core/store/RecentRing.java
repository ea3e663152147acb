package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The ring of recent events. Events are stored in records of up to {@link #RECORD} events, one
 * map entry per record, so that a batch costs a few map writes instead of one per event; the
 * oldest records are dropped once the newer ones hold the ring's capacity. Meta entry
 * {@link #COUNT} is how many events the records hold.
 */
final class RecentRing {
    static final int RECORD = 128;
    static final String COUNT = "recent.count";

    private final MvMaps maps;
    private final int capacity;
    private final List<RecentEvent> pending = new ArrayList<>(RECORD);
    private long next = -1;

    RecentRing(MvMaps maps, int capacity) {
        this.maps = maps;
        this.capacity = capacity;
    }

    /** Adds an event; {@code id} is a fresh store id, the event's position in the ring. */
    void add(long id, long received, List<String> routes, byte[] event) {
        pending.add(new RecentEvent(id, received, routes, event));
        if (pending.size() == RECORD) {
            flush();
        }
    }

    /** Writes the events added since the last flush and drops the records no longer needed. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        MVMap<Long, byte[]> ring = maps.log(MvMaps.RECENT);
        ring.put(pending.get(pending.size() - 1).seq(), RecordCodec.recentRecord(pending));
        long count = maps.meta().getOrDefault(COUNT, 0L) + pending.size();
        pending.clear();
        for (Long first = ring.firstKey(); first != null; first = ring.firstKey()) {
            int oldest = RecordCodec.recentRecordSize(ring.get(first));
            if (count - oldest < capacity) {
                break;
            }
            ring.remove(first);
            count -= oldest;
        }
        maps.meta().put(COUNT, count);
    }

    /** Newest first, those that pass the filter, at most {@code limit}, within the capacity. */
    static List<RecentEvent> newest(MvMaps maps, int capacity, Predicate<RecentEvent> filter, int limit) {
        List<RecentEvent> out = new ArrayList<>();
        if (limit <= 0 || !maps.exists(MvMaps.RECENT)) {
            return out;
        }
        MVMap<Long, byte[]> ring = maps.log(MvMaps.RECENT);
        Long last = ring.lastKey();
        if (last == null) {
            return out;
        }
        int seen = 0;
        Cursor<Long, byte[]> c = ring.cursor(last, null, true);
        while (c.hasNext() && out.size() < limit && seen < capacity) {
            c.next();
            List<RecentEvent> record = RecordCodec.recentRecord(c.getValue());
            for (int i = record.size() - 1; i >= 0 && out.size() < limit && seen < capacity; i--, seen++) {
                if (filter.test(record.get(i))) {
                    out.add(record.get(i));
                }
            }
        }
        return out;
    }
}
