package dev.herald.core.store;

import java.util.List;

/**
 * What makes an outbox entry a digest: the events of one group window, sent as one notification.
 * The entry's event is the window's first; the store keeps every event named here while the
 * entry (or its dead letter) refers to it.
 *
 * @param id     the window's identity (group, when the group opened, the digest's number): its
 *               idempotency key is derived from it, the same across retries and restarts
 * @param key    the group key as people read it ({@code type=ConsoleLogin, …})
 * @param count  how many events the window holds
 * @param events the keys in the event log of its first events, at most {@link Group#EXAMPLES}, the
 *               first first
 * @param last   the key of its last event
 */
public record Digest(String id, String key, long count, List<Long> events, long last) {
    public Digest {
        events = List.copyOf(events);
        if (events.isEmpty() || count < events.size()) {
            throw new IllegalArgumentException("a digest of " + count + " events names " + events.size());
        }
    }

    /** Every event key it refers to, each once. */
    List<Long> keys() {
        if (events.contains(last)) {
            return events;
        }
        List<Long> all = new java.util.ArrayList<>(events);
        all.add(last);
        return all;
    }
}
