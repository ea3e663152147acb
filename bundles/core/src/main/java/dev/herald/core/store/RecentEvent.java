package dev.herald.core.store;

import dev.herald.api.Event;
import java.util.List;

/**
 * A received event in the ring of recent events.
 *
 * @param seq      its position in the ring
 * @param received when the journal committed it (epoch millis)
 * @param routes   the routes it matched
 * @param event    the serialized event ({@link EventCodec})
 */
public record RecentEvent(long seq, long received, List<String> routes, byte[] event) {
    public Event decodeEvent() {
        return EventCodec.decode(event);
    }
}
