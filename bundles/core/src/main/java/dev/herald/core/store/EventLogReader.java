package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Reads the {@link EventLog}: events by key, by time, newest first. It keeps the last block it
 * inflated, since readers ask for events near each other (an outbox's entries follow the log's
 * order); one reader serves one view and one thread.
 */
final class EventLogReader {
    private final MvMaps maps;
    private long cachedKey = -1;
    private List<RetainedEvent> cached;

    EventLogReader(MvMaps maps) {
        this.maps = maps;
    }

    Optional<RetainedEvent> event(long key) {
        if (!maps.exists(MvMaps.EVENTS)) {
            return Optional.empty();
        }
        MVMap<Long, byte[]> events = maps.events();
        Long block = events.floorKey(key);
        if (block == null) {
            return Optional.empty();
        }
        List<RetainedEvent> in = block(block, events);
        int i = (int) (key - block);
        return i >= in.size() ? Optional.empty() : Optional.of(in.get(i));
    }

    /**
     * Events received in [{@code from}, {@code to}) with keys above {@code afterKey}, oldest first,
     * at most {@code limit}: a caller pages through a range by passing the last key it got.
     */
    List<RetainedEvent> between(long from, long to, long afterKey, int limit) {
        List<RetainedEvent> out = new ArrayList<>();
        if (limit <= 0 || !maps.exists(MvMaps.EVENTS)) {
            return out;
        }
        MVMap<Long, byte[]> events = maps.events();
        long start = Math.max(startOf(from), afterKey == Long.MAX_VALUE ? afterKey : afterKey + 1);
        Long first = events.floorKey(start);
        Cursor<Long, byte[]> c = events.cursor(first == null ? null : first);
        while (c.hasNext() && out.size() < limit) {
            long key = c.next();
            EventBlock.Header h = EventBlock.header(c.getValue());
            if (h.firstReceived() >= to) {
                break;
            }
            if (h.lastReceived() < from || key + h.count() <= afterKey + 1) {
                continue;
            }
            for (RetainedEvent e : block(key, events)) {
                if (out.size() < limit && e.key() > afterKey && e.received() >= from && e.received() < to) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The newest events that pass the filter, newest first, looking at no more than {@code capacity}. */
    List<RetainedEvent> newest(Predicate<RetainedEvent> filter, int limit, int capacity) {
        List<RetainedEvent> out = new ArrayList<>();
        if (limit <= 0 || !maps.exists(MvMaps.EVENTS)) {
            return out;
        }
        MVMap<Long, byte[]> events = maps.events();
        Long last = events.lastKey();
        if (last == null) {
            return out;
        }
        int seen = 0;
        Cursor<Long, byte[]> c = events.cursor(last, null, true);
        while (c.hasNext() && out.size() < limit && seen < capacity) {
            long key = c.next();
            List<RetainedEvent> in = block(key, events);
            for (int i = in.size() - 1; i >= 0 && out.size() < limit && seen < capacity; i--, seen++) {
                if (filter.test(in.get(i))) {
                    out.add(in.get(i));
                }
            }
        }
        return out;
    }

    /**
     * A key at or before the first event received at {@code from} or later: the block indexed
     * under the latest time before {@code from} (every block before it ends by then).
     */
    private long startOf(long from) {
        if (!maps.exists(MvMaps.EVENT_TIME) || from == Long.MIN_VALUE) {
            return 0;
        }
        MVMap<Long, Long> time = maps.eventTime();
        Long at = time.floorKey(from - 1);
        Long block = at == null ? null : time.get(at);
        return block == null ? 0 : block;
    }

    private List<RetainedEvent> block(long key, MVMap<Long, byte[]> events) {
        if (key != cachedKey) {
            byte[] stored = events.get(key);
            if (stored == null) {
                return List.of();
            }
            cached = EventBlock.decode(key, stored);
            cachedKey = key;
        }
        return cached;
    }
}
