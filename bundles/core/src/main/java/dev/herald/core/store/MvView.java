package dev.herald.core.store;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.QuarantineView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/** Reads of the embedded store. Every listing is bounded: nothing loads a whole map. */
class MvView implements StoreView {
    static final char SEP = '\0';

    final MvMaps maps;
    private final int recentCapacity;
    /** {@code history_size}: the history may hold a block partly past it ({@link History}). */
    final int historySize;
    private EventLogReader log;

    MvView(MvMaps maps, int recentCapacity, int historySize) {
        this.maps = maps;
        this.recentCapacity = recentCapacity;
        this.historySize = historySize;
    }

    private EventLogReader log() {
        if (log == null) {
            log = new EventLogReader(maps);
        }
        return log;
    }

    @Override
    public Optional<Group> group(String id) {
        if (!maps.exists(MvMaps.GROUPS)) {
            return Optional.empty();
        }
        return Optional.ofNullable(maps.groups().get(id)).map(RecordCodec::group);
    }

    @Override
    public List<Group> groupsDue(long now, int max) {
        List<Group> out = new ArrayList<>();
        if (maps.exists(MvMaps.GROUPS_DUE)) {
            Cursor<OutboxKey, String> c = maps.groupsDue().cursor(null);
            while (out.size() < max && c.hasNext() && c.next().due() <= now) {
                group(c.getValue()).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public OptionalLong nextGroupDue() {
        if (!maps.exists(MvMaps.GROUPS_DUE)) {
            return OptionalLong.empty();
        }
        OutboxKey first = maps.groupsDue().firstKey();
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.due());
    }

    @Override
    public long groupCount() {
        return maps.exists(MvMaps.GROUPS) ? maps.groups().sizeAsLong() : 0;
    }

    /** An outbox record with the event it refers to. */
    private OutboxEntry withEvent(OutboxEntry e) {
        return e.withEvent(log().serialized(e.eventKey()));
    }

    static String key(String a, String b) {
        return a + SEP + b;
    }

    static String counterKey(Counter.Scope scope, String name) {
        return key(scope.name().toLowerCase(Locale.ROOT), name);
    }

    @Override
    public Optional<String> checkpoint(String instance, String stream) {
        if (!maps.exists(MvMaps.CHECKPOINTS)) {
            return Optional.empty();
        }
        return Optional.ofNullable(maps.checkpoints().get(key(instance, stream)));
    }

    @Override
    public Map<String, String> checkpoints(String instance) {
        Map<String, String> out = new LinkedHashMap<>();
        if (maps.exists(MvMaps.CHECKPOINTS)) {
            String prefix = key(instance, "");
            scanPrefix(maps.checkpoints(), prefix, (k, v) -> out.put(k.substring(prefix.length()), v));
        }
        return out;
    }

    @Override
    public List<OutboxEntry> due(String sink, long now, int max) {
        return due(sink, now, max, null);
    }

    @Override
    public List<OutboxEntry> due(String sink, long now, int max, OutboxEntry after) {
        List<OutboxEntry> out = new ArrayList<>();
        if (maps.exists(MvMaps.OUTBOX + sink)) {
            OutboxKey from = after == null ? null : OutboxKey.of(after);
            Cursor<OutboxKey, byte[]> c = maps.outbox(sink).cursor(from);
            while (out.size() < max && c.hasNext()) {
                OutboxKey k = c.next();
                if (from != null && k.compareTo(from) <= 0) {
                    continue; // the cursor starts at that entry itself while it is still there
                }
                if (k.due() > now) {
                    break;
                }
                OutboxEntry e = withEvent(RecordCodec.outbox(c.getValue()));
                if (e.event() == null && EventLog.pending(maps, e.eventKey())) {
                    // a second guard: a transaction writes its entries after their events (MvTransaction.finish)
                    break;
                }
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public OptionalLong nextDue(String sink) {
        if (!maps.exists(MvMaps.OUTBOX + sink)) {
            return OptionalLong.empty();
        }
        OutboxKey first = maps.outbox(sink).firstKey();
        return first == null ? OptionalLong.empty() : OptionalLong.of(first.due());
    }

    @Override
    public long pending(String sink) {
        return maps.exists(MvMaps.OUTBOX + sink) ? maps.outbox(sink).sizeAsLong() : 0;
    }

    @Override
    public OptionalLong oldestEnqueued(String sink) {
        if (!maps.exists(MvMaps.OUTBOX + sink)) {
            return OptionalLong.empty();
        }
        // entries are ordered by due time; the lowest sequence is the one created first
        MVMap<OutboxKey, byte[]> outbox = maps.outbox(sink);
        OutboxKey first = null;
        for (Iterator<OutboxKey> keys = outbox.keyIterator(null); keys.hasNext(); ) {
            OutboxKey k = keys.next();
            if (first == null || k.seq() < first.seq()) {
                first = k;
            }
        }
        byte[] v = first == null ? null : outbox.get(first);
        return v == null ? OptionalLong.empty() : OptionalLong.of(RecordCodec.outbox(v).enqueuedAt());
    }

    @Override
    public List<OutboxEntry> enqueuedBefore(String sink, long enqueuedBefore, long dueBy, int max) {
        List<OutboxEntry> out = new ArrayList<>();
        if (maps.exists(MvMaps.OUTBOX + sink)) {
            Cursor<OutboxKey, byte[]> c = maps.outbox(sink).cursor(null);
            while (out.size() < max && c.hasNext() && c.next().due() <= dueBy) {
                OutboxEntry e = RecordCodec.outbox(c.getValue());
                if (e.enqueuedAt() < enqueuedBefore) {
                    out.add(withEvent(e));
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> outboxSinks() {
        Set<String> out = new TreeSet<>();
        for (String sink : maps.namesAfter(MvMaps.OUTBOX)) {
            if (pending(sink) > 0) {
                out.add(sink);
            }
        }
        return out;
    }

    @Override
    public List<DeadLetter> deadLetters(String sink, long afterId, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        for (String s : sink == null ? deadLetterSinks() : Set.of(sink)) {
            if (maps.exists(MvMaps.DEAD + s)) {
                Cursor<Long, byte[]> c = maps.dead(s).cursor(afterId + 1);
                for (int i = 0; i < limit && c.hasNext(); i++) {
                    c.next();
                    DeadLetter d = RecordCodec.deadLetter(c.getValue());
                    out.add(new DeadLetter(d.id(), withEvent(d.entry()), d.reason(), d.deadAt()));
                }
            }
        }
        out.sort(Comparator.comparingLong(DeadLetter::id));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @Override
    public long deadLetterCount(String sink) {
        return maps.exists(MvMaps.DEAD + sink) ? maps.dead(sink).sizeAsLong() : 0;
    }

    @Override
    public long deadLettersDropped(String sink) {
        return maps.exists(MvMaps.META) ? maps.meta().getOrDefault(MvMaps.DEAD + sink, 0L) : 0;
    }

    @Override
    public Set<String> deadLetterSinks() {
        Set<String> out = new TreeSet<>();
        for (String sink : maps.namesAfter(MvMaps.DEAD)) {
            if (deadLetterCount(sink) > 0) {
                out.add(sink);
            }
        }
        return out;
    }

    @Override
    public Counters counters(Counter.Scope scope, String name) {
        if (!maps.exists(MvMaps.COUNTERS)) {
            return Counters.ZERO;
        }
        byte[] v = maps.counters().get(counterKey(scope, name));
        return v == null ? Counters.ZERO : Counter.toCounters(RecordCodec.counters(v));
    }

    @Override
    public Map<String, Counters> counters(Counter.Scope scope) {
        Map<String, Counters> out = new LinkedHashMap<>();
        if (maps.exists(MvMaps.COUNTERS)) {
            String prefix = counterKey(scope, "");
            scanPrefix(maps.counters(), prefix, (k, v) -> out.put(k.substring(prefix.length()),
                    Counter.toCounters(RecordCodec.counters(v))));
        }
        return out;
    }

    @Override
    public List<RetainedEvent> recent(Predicate<RetainedEvent> filter, int limit) {
        return log().newest(filter, limit, recentCapacity);
    }

    @Override
    public Optional<RetainedEvent> event(long key) {
        return log().event(key);
    }

    @Override
    public List<RetainedEvent> events(Instant from, Instant to, long afterKey, int limit) {
        return log().between(millis(from), millis(to), afterKey, limit);
    }

    @Override
    public long eventsDroppedUntil() {
        return maps.exists(MvMaps.META) ? maps.meta().getOrDefault(EventLog.DROPPED_UNTIL, 0L) : 0;
    }

    @Override
    public List<Silence> silences() {
        List<Silence> out = new ArrayList<>();
        if (maps.exists(MvMaps.SILENCES)) {
            maps.log(MvMaps.SILENCES).values().forEach(v -> out.add(RecordCodec.silence(v)));
        }
        return out;
    }

    @Override
    public List<DeliveryView> history(int limit) {
        int n = Math.min(limit, historySize);
        List<DeliveryView> out = new ArrayList<>();
        History.newest(maps, n, out);
        // a store written before the blocks: its records are older than any block
        out.addAll(newest(MvMaps.HISTORY, RecordCodec::delivery, d -> true, n - out.size()));
        return out;
    }

    @Override
    public List<QuarantineView> quarantine(String source, int limit) {
        return newest(MvMaps.QUARANTINE, RecordCodec::quarantine,
                q -> source == null || source.equals(q.source()), limit);
    }

    @Override
    public Optional<QuarantineView> quarantined(long id) {
        if (!maps.exists(MvMaps.QUARANTINE)) {
            return Optional.empty();
        }
        return Optional.ofNullable(maps.log(MvMaps.QUARANTINE).get(id)).map(RecordCodec::quarantine);
    }

    @Override
    public List<QuarantineView> quarantineAfter(String source, long afterId, int limit) {
        List<QuarantineView> out = new ArrayList<>();
        if (limit <= 0 || !maps.exists(MvMaps.QUARANTINE)) {
            return out;
        }
        Cursor<Long, byte[]> c = maps.log(MvMaps.QUARANTINE).cursor(afterId + 1);
        while (out.size() < limit && c.hasNext()) {
            c.next();
            QuarantineView q = RecordCodec.quarantine(c.getValue());
            if (source == null || source.equals(q.source())) {
                out.add(q);
            }
        }
        return out;
    }

    @Override
    public long quarantined() {
        return maps.exists(MvMaps.QUARANTINE) ? maps.log(MvMaps.QUARANTINE).sizeAsLong() : 0;
    }

    @Override
    public long quarantineDropped() {
        return maps.exists(MvMaps.META) ? maps.meta().getOrDefault(MvMaps.QUARANTINE, 0L) : 0;
    }

    @Override
    public Optional<Instant> lastAppend(String instance) {
        return instant(key("append", instance));
    }

    @Override
    public Optional<Instant> lastSuccess(String sink) {
        return instant(key("success", sink));
    }

    @Override
    public Optional<String> lastError(String sink) {
        return maps.exists(MvMaps.STATUS) ? Optional.ofNullable(maps.status().get(key("error", sink)))
                : Optional.empty();
    }

    @Override
    public long lastId() {
        return maps.exists(MvMaps.META) ? maps.meta().getOrDefault("seq", 0L) : 0;
    }

    @Override
    public Set<String> sourceInstances() {
        Set<String> out = new TreeSet<>(counters(Counter.Scope.SOURCE).keySet());
        if (maps.exists(MvMaps.CHECKPOINTS)) {
            for (String k : maps.checkpoints().keySet()) {
                out.add(k.substring(0, k.indexOf(SEP)));
            }
        }
        return out;
    }

    /** Epoch millis, saturated: Instant.MIN and MAX stand for "from the start" and "to the end". */
    private static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private Optional<Instant> instant(String statusKey) {
        if (!maps.exists(MvMaps.STATUS)) {
            return Optional.empty();
        }
        String v = maps.status().get(statusKey);
        return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
    }

    private <T> List<T> newest(String map, Function<byte[], T> decode, Predicate<T> filter, int limit) {
        List<T> out = new ArrayList<>();
        if (limit <= 0 || !maps.exists(map)) {
            return out;
        }
        MVMap<Long, byte[]> m = maps.log(map);
        Long last = m.lastKey();
        if (last == null) {
            return out;
        }
        Cursor<Long, byte[]> c = m.cursor(last, null, true);
        while (out.size() < limit && c.hasNext()) {
            c.next();
            T item = decode.apply(c.getValue());
            if (filter.test(item)) {
                out.add(item);
            }
        }
        return out;
    }

    static <V> void scanPrefix(MVMap<String, V> map, String prefix, java.util.function.BiConsumer<String, V> each) {
        Cursor<String, V> c = map.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                return;
            }
            each.accept(k, c.getValue());
        }
    }
}
