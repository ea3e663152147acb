package dev.herald.source.pce;

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

/** A journal in memory that, like the real one, drops ids it has seen; it can refuse appends. */
final class DedupingJournal implements Journal {

    record Quarantined(String location, String reason, String content) {
    }

    private final Map<String, Event> kept = new LinkedHashMap<>();
    private final Map<String, String> checkpoints = new HashMap<>();
    private final List<Quarantined> quarantine = new ArrayList<>();
    private int appends;
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
        appends++;
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

    synchronized List<String> ids() {
        return List.copyOf(kept.keySet());
    }

    synchronized int appends() {
        return appends;
    }

    /** Events appended, repeats included. */
    synchronized int offered() {
        return offered;
    }

    synchronized String position() {
        return checkpoints.get("");
    }

    synchronized List<Quarantined> quarantined() {
        return List.copyOf(quarantine);
    }
}
