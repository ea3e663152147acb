package dev.herald.core.journal;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands chunks of a batch from the appending thread to the store's writer. The appender always
 * {@link #close closes} the feed; if it failed half way, the writer's {@link #take} throws and the
 * transaction keeps nothing.
 */
final class Feed<T> {
    /** Events per chunk: small enough for the writer to start early, large enough to be cheap. */
    static final int CHUNK = 128;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private static final Object END = new Object();
    private static final Object ABORT = new Object();

    void put(List<T> chunk) {
        queue.add(chunk);
    }

    /** Marks the end: complete, or abandoned because preparing the batch failed. */
    void close(boolean complete) {
        queue.add(complete ? END : ABORT);
    }

    /** The next chunk, or null at the end. Runs on the writer, which is never interrupted. */
    @SuppressWarnings("unchecked")
    List<T> take() {
        Object next;
        try {
            next = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch", e);
        }
        if (next == ABORT) {
            throw new IllegalStateException("the batch could not be prepared");
        }
        return next == END ? null : (List<T>) next;
    }
}
