package dev.herald.testkit.journal;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Journal} in memory for the tests of sources: it keeps every append as given, dedupes
 * ids per source instance as core's journal does, keeps checkpoints per instance and stream, the
 * quarantine and the problems reported, and can be told to refuse appends.
 *
 * <p>Two views of what was appended: {@link #appends()} and {@link #events()} show everything the
 * source offered, repeats included (so a re-delivery shows); {@link #ids()} and {@link #event}
 * show what the real journal keeps, the first event of each id.
 *
 * <p>A refused append throws {@link JournalException} and keeps nothing, like the real one.
 */
public final class MemoryJournal implements Journal {

    /** One successful {@link #append} call, as the source made it. */
    public record Append(String instance, List<Event> batch, Checkpoint next) {
    }

    /** One record handed to {@link #quarantine}; {@code whole} says whether its content is the whole record. */
    public record Quarantined(String instance, String location, String reason, String content, boolean whole) {
    }

    private final List<Append> appends = new ArrayList<>();
    private final Map<String, Set<String>> seenIds = new HashMap<>();
    private final Map<String, Event> firstById = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> checkpoints = new HashMap<>();
    private final List<Quarantined> quarantine = new ArrayList<>();
    private final Map<String, String> problems = new HashMap<>();
    private int refuseNext;
    private int refuseAfter = -1;
    private Runnable afterAppend = () -> { };

    /** The next {@code count} appends throw and keep nothing; 0 lifts the refusal. */
    public synchronized void refuseNext(int count) {
        refuseNext = count;
    }

    /** Appends succeed {@code count} more times, then all throw until {@code refuseAfter(-1)}. */
    public synchronized void refuseAfter(int count) {
        refuseAfter = count;
    }

    /** Runs {@code action} after every append that succeeded (e.g. to stop a source mid-file). */
    public synchronized void afterAppend(Runnable action) {
        afterAppend = action;
    }

    @Override
    public synchronized int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
        if (refuseNext > 0) {
            refuseNext--;
            throw new JournalException("store is read-only (test)");
        }
        if (refuseAfter == 0) {
            throw new JournalException("store is full (test)");
        }
        if (refuseAfter > 0) {
            refuseAfter--;
        }
        appends.add(new Append(sourceInstance, List.copyOf(batch), next));
        Set<String> seen = seenIds.computeIfAbsent(sourceInstance, k -> new HashSet<>());
        int fresh = 0;
        for (Event e : batch) {
            if (seen.add(e.id())) {
                fresh++;
            }
            firstById.putIfAbsent(e.id(), e);
        }
        if (next != null) {
            checkpoints.computeIfAbsent(sourceInstance, k -> new HashMap<>()).put(next.stream(), next.position());
        }
        afterAppend.run();
        return fresh;
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String sourceInstance, String stream) {
        return Optional.ofNullable(position(sourceInstance, stream)).map(p -> new Checkpoint(stream, p));
    }

    @Override
    public synchronized Map<String, String> checkpoints(String sourceInstance) {
        return Map.copyOf(checkpoints.getOrDefault(sourceInstance, Map.of()));
    }

    @Override
    public synchronized void removeCheckpoint(String sourceInstance, String stream) {
        checkpoints.getOrDefault(sourceInstance, new HashMap<>()).remove(stream);
    }

    @Override
    public synchronized void quarantine(String sourceInstance, String location, String reason, String content) {
        quarantine(sourceInstance, location, reason, content, true);
    }

    @Override
    public synchronized void quarantine(String sourceInstance, String location, String reason, String content,
                                        boolean whole) {
        quarantine.add(new Quarantined(sourceInstance, location, reason, content, whole));
    }

    @Override
    public synchronized void problem(String sourceInstance, String problem) {
        problems.put(sourceInstance, problem);
    }

    /** Every successful append in order, each with its batch exactly as given. */
    public synchronized List<Append> appends() {
        return List.copyOf(appends);
    }

    /** Every event of every successful append in order, repeats included. */
    public synchronized List<Event> events() {
        return appends.stream().flatMap(a -> a.batch().stream()).toList();
    }

    /** The distinct ids appended, in the order each first came: what the real journal keeps. */
    public synchronized List<String> ids() {
        return List.copyOf(firstById.keySet());
    }

    /** The event the journal kept for {@code id} (the first appended), or null. */
    public synchronized Event event(String id) {
        return firstById.get(id);
    }

    /** The committed position of a single-stream instance, or null. */
    public synchronized String position(String sourceInstance) {
        return position(sourceInstance, "");
    }

    /** The committed position of one stream of an instance, or null. */
    public synchronized String position(String sourceInstance, String stream) {
        return checkpoints.getOrDefault(sourceInstance, Map.of()).get(stream);
    }

    /** Every record quarantined, in order. */
    public synchronized List<Quarantined> quarantined() {
        return List.copyOf(quarantine);
    }

    /** The problem an instance reported last, or null when it never did or cleared it. */
    public synchronized String problem(String sourceInstance) {
        return problems.get(sourceInstance);
    }
}
