package dev.herald.sink.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits messages into PublishBatch calls: at most {@link #MAX_ENTRIES} entries and {@link
 * SnsMessage#MAX_BYTES} in all per call, in the order given (a FIFO topic keeps it).
 */
final class PublishBatches {
    /** SNS's most entries in one PublishBatch call. */
    static final int MAX_ENTRIES = 10;

    private PublishBatches() {
    }

    /** Consecutive runs of {@code messages}; each message is itself at most {@link SnsMessage#MAX_BYTES}. */
    static <T> List<List<T>> split(List<T> messages, ToIntFunction<T> size) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int bytes = 0;
        for (T m : messages) {
            int s = size.applyAsInt(m);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + s > SnsMessage.MAX_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(m);
            bytes += s;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
