package dev.herald.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link Journal#batch}'s default: the events in a list, handed to {@link Journal#startAppend}. */
final class CollectedBatch implements Journal.Batch {
    private final Journal journal;
    private final String sourceInstance;
    /** Null once handed over. */
    private List<Event> events = new ArrayList<>();

    CollectedBatch(Journal journal, String sourceInstance) {
        this.journal = journal;
        this.sourceInstance = sourceInstance;
    }

    @Override
    public void add(Event event) {
        open().add(Objects.requireNonNull(event, "event"));
    }

    @Override
    public int size() {
        return events == null ? 0 : events.size();
    }

    @Override
    public Journal.PendingAppend startAppend(Checkpoint next) throws JournalException {
        List<Event> handed = open();
        events = null;
        return journal.startAppend(sourceInstance, handed, next);
    }

    private List<Event> open() {
        if (events == null) {
            throw new IllegalStateException("the batch of " + sourceInstance + " was handed over already");
        }
        return events;
    }
}
