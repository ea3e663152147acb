package dev.herald.api.admin;

import java.time.Instant;
import java.util.List;

/**
 * A silence: from {@code start} until {@code end}, notifications of events that match its pattern
 * are not sent to its sinks, only counted as silenced. Expiring it early moves its end to then.
 *
 * @param id        its number, for {@code herald:silence expire}
 * @param pattern   its EventBridge event pattern
 * @param sinks     the sinks it holds back, or empty for every sink
 * @param start     when it began
 * @param end       when it ends or ended
 * @param comment   why it was added
 * @param creator   who added it, or null when unknown
 * @param expiredBy who expired it early (empty when not known), or null when it runs (or ran) its full time
 * @param active    whether it holds notifications back now
 */
public record SilenceView(long id, String pattern, List<String> sinks, Instant start, Instant end, String comment,
                          String creator, String expiredBy, boolean active) {
    public SilenceView {
        sinks = sinks == null ? List.of() : List.copyOf(sinks);
    }
}
