package dev.herald.source.securityhub;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A journal in memory that, like core's, drops ids it has seen; it can refuse appends and keeps problems. */
final class DedupingJournal implements Journal {

    record Quarantined(String location, String reason, String content) {
    }

    private final Map<String, Event> kept = new LinkedHashMap<>();
    private final Map<String, String> checkpoints = new HashMap<>();
    private final List<Quarantined> quarantine = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int offered;
    private int refuse;

    synchronized void refuseNext(int count) {
        refuse = count;
    }

    @Override
    public synchronized int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
        if (refuse > 0) {
            refuse--;
            throw new JournalException("store is read-only (test)");
        }
        offered += batch.size();
        int fresh = 0;
        for (Event e : batch) {
            if (kept.putIfAbsent(e.id(), e) == null) {
                fresh++;
            }
        }
        if (next != null) {
            checkpoints.put(next.stream(), next.position());
        }
        return fresh;
    }

    @Override
    public synchronized Optional<Checkpoint> checkpoint(String sourceInstance, String stream) {
        return Optional.ofNullable(checkpoints.get(stream)).map(p -> new Checkpoint(stream, p));
    }

    @Override
    public synchronized Map<String, String> checkpoints(String sourceInstance) {
        return Map.copyOf(checkpoints);
    }

    @Override
    public synchronized void removeCheckpoint(String sourceInstance, String stream) {
        checkpoints.remove(stream);
    }

    @Override
    public synchronized void quarantine(String sourceInstance, String location, String reason, String content) {
        quarantine.add(new Quarantined(location, reason, content));
    }

    @Override
    public synchronized void problem(String sourceInstance, String problem) {
        problems.add(problem);
    }

    synchronized List<String> ids() {
        return List.copyOf(kept.keySet());
    }

    synchronized Event event(String id) {
        return kept.get(id);
    }

    /** Events appended, repeats included. */
    synchronized int offered() {
        return offered;
    }

    /** The committed position of the single stream. */
    synchronized String position() {
        return checkpoints.get("");
    }

    synchronized List<Quarantined> quarantined() {
        return List.copyOf(quarantine);
    }

    /** Every problem reported, null for a clearance, in order. */
    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    synchronized String currentProblem() {
        return problems.isEmpty() ? null : problems.get(problems.size() - 1);
    }
}
