package dev.herald.api;

import java.util.List;
import java.util.Map;

/** A {@link Sink} that sends many notifications at once (syslog over TCP, SNS PublishBatch). */
public interface BatchSink extends Sink {

    /** The largest batch the sink accepts. */
    default int maxBatchSize() {
        return 100;
    }

    /**
     * Sends a batch, at most {@link #maxBatchSize()} long.
     *
     * @return the notifications that failed, keyed by {@link Notification#idempotencyKey()};
     *         empty when all were delivered
     * @throws DeliveryException when the whole batch failed
     */
    Map<String, DeliveryException> sendBatch(List<Notification> batch) throws DeliveryException;
}
