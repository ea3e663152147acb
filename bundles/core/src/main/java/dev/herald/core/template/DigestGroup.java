package dev.herald.core.template;

import dev.herald.api.Event;
import java.util.List;

/**
 * The group a digest sends, as templates see it ({@code group.*}).
 *
 * @param key    the group key as people read it ({@code type=ConsoleLogin, …})
 * @param count  how many events the digest holds
 * @param first  its first event (also the template's {@code event})
 * @param last   its last event
 * @param events its first events, at most a cap, the first first; {@code count - events.size()}
 *               more were not kept
 */
public record DigestGroup(String key, long count, Event first, Event last, List<Event> events) {
    public DigestGroup {
        events = List.copyOf(events);
    }

    /** How many of its events {@link #events} leaves out. */
    public long more() {
        return count - events.size();
    }
}
