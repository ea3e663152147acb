package dev.herald.core.store;

import dev.herald.api.Event;
import java.util.List;

/**
 * An event in the store's event log, the journal of what Herald received.
 *
 * @param key      its key in the log: unique, increasing in the order events were committed
 * @param received when the journal committed it (epoch millis; never less than an earlier event's)
 * @param routes   the routes it matched
 * @param event    the serialized event ({@link EventCodec})
 */
public record RetainedEvent(long key, long received, List<String> routes, byte[] event) {
    public Event decodeEvent() {
        return EventCodec.decode(event);
    }
}
