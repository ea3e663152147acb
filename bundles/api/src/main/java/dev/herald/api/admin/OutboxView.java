package dev.herald.api.admin;

import java.time.Instant;

/**
 * The entries waiting in one sink's outbox.
 *
 * @param sink    the sink's name, as routes name it
 * @param waiting how many entries wait
 * @param oldest  when the oldest of them entered the outbox
 */
public record OutboxView(String sink, long waiting, Instant oldest) {
}
