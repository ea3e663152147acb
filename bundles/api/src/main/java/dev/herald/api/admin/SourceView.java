package dev.herald.api.admin;

import java.time.Instant;
import java.util.Map;

/**
 * A source instance.
 *
 * @param instance   its configured name
 * @param kind       plugin kind ({@code file}, {@code pce}, …), or {@code ?} when only seen in the store
 * @param state      {@code active}, {@code starting} (just configured), {@code failed}
 *                   (configuration rejected) or {@code inactive}
 * @param error      why it failed (configuration rejected), else the problem it last reported
 *                   ({@link dev.herald.api.Journal#problem}), or null
 * @param settings   its configuration, secrets masked
 * @param counters   its counters
 * @param streams    how many stream positions it has committed
 * @param lastAppend when it last committed a batch, or null
 */
public record SourceView(String instance, String kind, String state, String error,
                         Map<String, String> settings, Counters counters, int streams,
                         Instant lastAppend) {
}
