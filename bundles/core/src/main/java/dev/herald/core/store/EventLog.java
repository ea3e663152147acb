package dev.herald.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * The writing side of the event log inside one transaction: every event the journal keeps is
 * written here once, and outbox entries and dead letters refer to it by key.
 *
 * <p>Events take consecutive keys and are written in {@link EventBlock blocks}, one map entry per
 * block under the key of its first event. Map {@link MvMaps#EVENT_TIME} indexes the blocks by the
 * time their first event was received; received times never decrease along the keys (a clock
 * that steps back is held at the last time), so the log is ordered by time as well as by key.
 *
 * <p>Retention: a block leaves once its newest event is older than the retention age, or while
 * the log is larger than the retention size (oldest first), but never while an outbox entry or a
 * dead letter refers to one of its events: map {@link MvMaps#EVENT_PINS} counts those references
 * per block.
 *
 * <p>The log ends with an empty block ({@link EventBlock#last()}) under the key the next event
 * will take ({@link #NEXT}): the next block replaces it and a new one follows ({@link LogEnd}), so
 * that a commit does not write the page of the block before again.
 */
final class EventLog {
    static final String NEXT = "events.next";
    static final String LAST_RECEIVED = "events.received";
    static final String BYTES = "events.bytes";
    /** The newest received time of any event retention dropped: the log is complete after it. */
    static final String DROPPED_UNTIL = "events.dropped";
    /** Blocks looked at by one pruning, at most: bounds the work a commit does for retention. */
    static final int PRUNE_SCAN = 4096;

    private final MvMaps maps;
    private long next;
    private long lastReceived;
    private long bytes;
    private long droppedUntil;
    private final List<EventBlock.Entry> pending = new ArrayList<>();
    /** The blocks this transaction wrote, plain: {@link RecentBlocks} once it committed. */
    private final List<EventBlock.Inflated> written = new ArrayList<>();
    private int pendingBytes;
    private final Map<Long, Long> pinDeltas = new HashMap<>();
    private boolean changed;
    /**
     * The stored block that {@link #blockOf} found last, and the key of the block after it: a
     * batch of deliveries unpins hundreds of events, mostly of the same few blocks, and looked
     * each one's block up in the map. -1 when none is known.
     */
    private long lastBlock = -1;
    private long lastBlockEnd = -1;

    EventLog(MvMaps maps) {
        this.maps = maps;
        MVMap<String, Long> meta = maps.meta();
        next = meta.getOrDefault(NEXT, 1L);
        lastReceived = meta.getOrDefault(LAST_RECEIVED, 0L);
        bytes = meta.getOrDefault(BYTES, 0L);
        droppedUntil = meta.getOrDefault(DROPPED_UNTIL, 0L);
    }

    /**
     * Whether event {@code key} belongs to a transaction under way, which has not written its
     * block yet: readers see such a transaction's other writes (its outbox entries) already.
     */
    static boolean pending(MvMaps maps, long key) {
        return key >= maps.meta().getOrDefault(NEXT, 1L);
    }

    /** Adds an event; returns its key. */
    long append(long received, List<String> routes, EncodedEvent event) {
        lastReceived = Math.max(lastReceived, received);
        EventBlock.Entry e = new EventBlock.Entry(next++, lastReceived, routes, event);
        pending.add(e);
        pendingBytes += event.length();
        changed = true;
        if (pending.size() >= EventBlock.MAX_EVENTS || pendingBytes >= EventBlock.MAX_BYTES) {
            flush();
        }
        return e.key();
    }

    /** The blocks written so far, plain, oldest first. */
    List<EventBlock.Inflated> written() {
        return written;
    }

    /** Counts a reference to the event {@code key} more ({@code delta} 1) or less (-1). */
    void pin(long key, int delta) {
        Long block = blockOf(key);
        if (block != null) {
            pinDeltas.merge(block, (long) delta, Long::sum);
            changed = true;
        }
    }

    /**
     * Writes what the transaction added and, when {@code retention} is given, drops the blocks
     * past it that nothing refers to; called once before the commit.
     *
     * @return how many events left the log
     */
    int finish(Retention retention, long now) {
        flush();
        if (!pinDeltas.isEmpty()) {
            MVMap<Long, Long> pins = maps.eventPins();
            pinDeltas.forEach((block, delta) -> {
                long count = pins.getOrDefault(block, 0L) + delta;
                if (count > 0) {
                    pins.put(block, count);
                } else {
                    pins.remove(block);
                }
            });
            pinDeltas.clear();
        }
        int dropped = retention == null ? 0 : prune(retention, now);
        if (changed) {
            MVMap<String, Long> meta = maps.meta();
            meta.put(NEXT, next);
            meta.put(LAST_RECEIVED, lastReceived);
            meta.put(BYTES, bytes);
            meta.put(DROPPED_UNTIL, droppedUntil);
        }
        return dropped;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long key = pending.get(0).key();
        EventBlock.Encoded block = EventBlock.encode(pending);
        LogEnd.append(maps.events(), key, block.stored(), next, EventBlock.last(), b -> EventBlock.header(b).count() == 0);
        maps.eventTime().putIfAbsent(pending.get(0).received(), key);
        bytes += block.stored().length;
        written.add(block.plain());
        pending.clear();
        pendingBytes = 0;
    }

    /** The key of the block that holds event {@code key}, or null when the log no longer has it. */
    private Long blockOf(long key) {
        if (!pending.isEmpty() && key >= pending.get(0).key()) {
            return pending.get(0).key();
        }
        if (key >= lastBlock && key < lastBlockEnd) {
            return lastBlock;
        }
        if (!maps.exists(MvMaps.EVENTS)) {
            return null;
        }
        MVMap<Long, byte[]> events = maps.events();
        Long block = events.floorKey(key);
        // only between two stored blocks: the last one's range ends where the next one will start
        Long after = block == null ? null : events.higherKey(block);
        if (after != null) {
            lastBlock = block;
            lastBlockEnd = after;
        }
        return block;
    }

    private int prune(Retention retention, long now) {
        lastBlock = -1; // the block it knew may go
        lastBlockEnd = -1;
        if (!maps.exists(MvMaps.EVENTS)) {
            return 0;
        }
        MVMap<Long, byte[]> events = maps.events();
        MVMap<Long, Long> pins = maps.eventPins();
        long cutoff = now - retention.maxAgeMillis();
        int dropped = 0;
        int scanned = 0;
        // up to the empty block that ends the log
        for (Long k = events.firstKey(); k != null && k < next && scanned < PRUNE_SCAN;
                k = events.higherKey(k), scanned++) {
            byte[] block = events.get(k);
            EventBlock.Header h = EventBlock.header(block);
            if (h.lastReceived() >= cutoff && bytes <= retention.maxBytes()) {
                break;
            }
            if (pins.containsKey(k)) {
                continue;
            }
            events.remove(k);
            maps.eventTime().remove(h.firstReceived(), k);
            bytes -= block.length;
            droppedUntil = Math.max(droppedUntil, h.lastReceived());
            dropped += h.count();
            changed = true;
        }
        return dropped;
    }

    /** How long and how much of the log is kept. */
    record Retention(long maxAgeMillis, long maxBytes) {
    }
}
