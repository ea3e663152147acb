package dev.herald.core.store;

import java.util.List;

/**
 * A stored silence (times in epoch millis). It holds back notifications while
 * {@code start <= now < end}; expiring it early sets {@code end} to then and {@code expiredBy}.
 *
 * @param sinks     the sinks it holds back, empty for every sink
 * @param creator   who added it, or null
 * @param expiredBy who expired it early, or null
 */
public record Silence(long id, String pattern, List<String> sinks, long start, long end, String comment,
                      String creator, String expiredBy) {
    public Silence {
        sinks = List.copyOf(sinks);
    }

    public boolean activeAt(long now) {
        return start <= now && now < end;
    }

    /** Whether it applies to that sink. */
    public boolean covers(String sink) {
        return sinks.isEmpty() || sinks.contains(sink);
    }

    /** This silence, ended at {@code at} by {@code by}. */
    public Silence expire(long at, String by) {
        return new Silence(id, pattern, sinks, start, Math.max(start, at), comment, creator,
                by == null ? "" : by);
    }
}
