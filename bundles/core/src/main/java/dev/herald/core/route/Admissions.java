package dev.herald.core.route;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the throttles counted for one batch, so that a batch whose commit fails can give the counts
 * back: a retried batch must be routed again, not found over its limit by its own earlier try.
 * Used on the store's writer only, which runs one batch at a time, so undoing in reverse order
 * restores exactly the state before the batch.
 */
public final class Admissions {
    private final Deque<Runnable> undo = new ArrayDeque<>();

    void add(Runnable restore) {
        undo.push(restore);
    }

    /** Takes back every count of the batch, newest first. */
    public void undo() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }
}
