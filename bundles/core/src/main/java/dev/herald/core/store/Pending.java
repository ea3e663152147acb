package dev.herald.core.store;

/** A store write, or a read started with {@link Store#submitRead}, under way. */
@FunctionalInterface
public interface Pending<T> {
    /**
     * Waits for the write's outcome without being interruptible (an interrupt is kept for later):
     * once submitted, a write is either committed entirely or not at all.
     */
    T await();
}
