package dev.herald.core.dispatch;

import dev.herald.api.Event;
import dev.herald.core.store.Digest;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.RetainedEvent;
import dev.herald.core.store.Store;
import dev.herald.core.template.DigestGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the events a digest entry names from the event log, which keeps them while it does. */
final class DigestEvents {
    private DigestEvents() {
    }

    /** The group of a digest entry whose first event is {@code first}; null for an entry of one event. */
    static DigestGroup of(Store store, OutboxEntry entry, Event first) {
        Digest d = entry.digest();
        if (d == null) {
            return null;
        }
        return store.read(v -> {
            List<Event> events = new ArrayList<>(d.events().size());
            events.add(first);
            for (long key : d.events().subList(1, d.events().size())) {
                v.event(key).map(RetainedEvent::decodeEvent).ifPresent(events::add);
            }
            Optional<Event> last = d.events().contains(d.last()) ? Optional.of(events.get(events.size() - 1))
                    : v.event(d.last()).map(RetainedEvent::decodeEvent);
            return new DigestGroup(d.key(), d.count(), first, last.orElse(events.get(events.size() - 1)), events);
        });
    }
}
