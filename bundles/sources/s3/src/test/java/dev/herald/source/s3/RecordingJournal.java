package dev.herald.source.s3;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journal in memory that keeps every event appended (no dedupe, so a re-delivery shows), the
 * positions, the quarantine and the last problem reported, and can be told to refuse appends.
 */
final class RecordingJournal implements Journal {

    record Append(String instance, List<Event> batch, Checkpoint next) {
    }

    record Quarantined(String instance, String location, String reason, String content) {
    }

    private final List<Append> appends = new ArrayList<>();
    private final List<Quarantined> quarantine = new ArrayList<>();
    private final Map<String, Map<String, String>> checkpoints = new HashMap<>();
    private int refuse;
    private int refuseAfter = -1;
    private Runnable afterAppend = () -> { };
    private String problem;

    /** The next {@code count} appends throw and keep nothing. */
    synchronized void refuseNext(int count) {
        refuse = count;
    }

    /** Appends succeed {@code count} more times, then all throw until {@link #refuseNext}(0). */
    synchronized void refuseAfter(int count) {
        refuseAfter = count;
    }

    /** Runs after every append that succeeded. */
    synchronized void afterAppend(Runnable action) {
        afterAppend = action;
    }

    @Override
    public synchronized int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
        if (refuse > 0) {
            refuse--;
            throw new JournalException("store is read-only (test)");
        }
        if (refuseAfter == 0) {
            throw new JournalException("store is full (test)");
        }
        if (refuseAfter > 0) {
            refuseAfter--;
        }
        appends.add(new Append(sourceInstance, List.copyOf(batch), next));
        if (next != null) {
            checkpoints.computeIfAbsent(sourceInstance, k -> new HashMap<>()).put(next.stream(), next.position());
        }
        afterAppend.run();
        return batch.size();
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String sourceInstance, String stream) {
        return Optional.ofNullable(checkpoints(sourceInstance).get(stream)).map(p -> new Checkpoint(stream, p));
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
        quarantine.add(new Quarantined(sourceInstance, location, reason, content));
    }

    @Override
    public synchronized void problem(String sourceInstance, String problem) {
        this.problem = problem;
    }

    /** The problem reported last, null when cleared. */
    synchronized String problem() {
        return problem;
    }

    synchronized List<Append> appends() {
        return List.copyOf(appends);
    }

    synchronized List<Event> events() {
        return appends.stream().flatMap(a -> a.batch().stream()).toList();
    }

    synchronized List<Quarantined> quarantined() {
        return List.copyOf(quarantine);
    }
}
