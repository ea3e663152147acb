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
    private EventBlock.Inflated cached;
    /** Whether {@link #cached} is one of the {@link RecentBlocks}, whose array other readers read too. */
    private boolean cachedIsShared;

    EventLogReader(MvMaps maps) {
        this.maps = maps;
    }

    Optional<RetainedEvent> event(long key) {
        EventBlock.Inflated in = blockOf(key);
        return in == null ? Optional.empty() : Optional.of(in.event((int) (key - cachedKey)));
    }

    /**
     * The serialized form of event {@code key} ({@link RetainedEvent#event()}), or null when the log
     * does not have it: what an outbox entry is read with, without decoding the event's routes.
     */
    byte[] serialized(long key) {
        EventBlock.Inflated in = blockOf(key);
        return in == null ? null : in.serialized((int) (key - cachedKey));
    }

    /** The block that holds event {@code key}, now the cached one; null when the log does not have the event. */
    private EventBlock.Inflated blockOf(long key) {
        if (!maps.exists(MvMaps.EVENTS)) {
            return null;
        }
        EventBlock.Inflated in;
        if (cached != null && key >= cachedKey && key < cachedKey + cached.count()) {
            in = cached; // the next entry of an outbox is mostly in the block of the last one
        } else {
            MVMap<Long, byte[]> events = maps.events();
            Long block = events.floorKey(key);
            if (block == null) {
                return null;
            }
            in = block(block, events);
        }
        return in != null && key - cachedKey < in.count() ? in : null;
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
            EventBlock.Inflated in = block(key, events);
            for (int i = 0; in != null && i < in.count() && out.size() < limit; i++) {
                RetainedEvent e = in.event(i);
                if (e.key() > afterKey && e.received() >= from && e.received() < to) {
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
            EventBlock.Inflated in = block(key, events);
            for (int i = in == null ? -1 : in.count() - 1; i >= 0 && out.size() < limit && seen < capacity; i--, seen++) {
                RetainedEvent e = in.event(i);
                if (filter.test(e)) {
                    out.add(e);
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

    /**
     * The block under {@code key}, inflated (and cached); null when there is none. One of the
     * blocks committed last is not inflated again ({@link RecentBlocks}).
     */
    private EventBlock.Inflated block(long key, MVMap<Long, byte[]> events) {
        if (key != cachedKey || cached == null) {
            byte[] stored = events.get(key);
            if (stored == null) {
                return null;
            }
            EventBlock.Inflated recent = maps.recentBlocks().get(key);
            if (recent != null && recent.count() == EventBlock.header(stored).count()) {
                cached = recent;
                cachedIsShared = true;
            } else {
                // the block cached before is no longer read: its array takes the next one, unless others read it
                cached = EventBlock.inflate(key, stored, cachedIsShared ? null : cached);
                cachedIsShared = false;
            }
            cachedKey = key;
        }
        return cached;
    }
}
