package dev.herald.api.admin;

import java.time.Instant;
import java.util.Map;

/**
 * A sink instance.
 *
 * @param name        its configured name, as routes refer to it
 * @param kind        plugin kind ({@code webhook}, {@code log}, …), or {@code ?} when not installed
 * @param state       {@code active}, {@code starting} (just configured), {@code failed}
 *                    (configuration rejected) or {@code absent}
 *                    (routes name it, no such sink is running: its entries wait)
 * @param error       why it failed, or null
 * @param settings    its configuration, secrets masked
 * @param counters    its counters
 * @param pending     outbox entries waiting for it
 * @param deadLetters its dead letters
 * @param deadLettersDropped its dead letters dropped, oldest first, to keep them within the
 *                    configured cap ({@code dead_letter_max_per_sink})
 * @param lastError   the reason of its most recent failed attempt, or null
 * @param lastSuccess when it last delivered, or null
 */
public record SinkView(String name, String kind, String state, String error,
                       Map<String, String> settings, Counters counters, long pending,
                       long deadLetters, String lastError, Instant lastSuccess, long deadLettersDropped) {
}
