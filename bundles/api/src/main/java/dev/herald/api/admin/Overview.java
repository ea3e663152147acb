package dev.herald.api.admin;

import java.util.List;

/**
 * Herald at a glance.
 *
 * @param store        where the embedded store lives
 * @param totals       counters summed over all sources, routes and sinks
 * @param pending      outbox entries waiting for delivery, all sinks
 * @param deadLetters  entries in the dead-letter store
 * @param quarantined  records kept in quarantine
 * @param problems     every configuration problem, empty when all is well
 */
public record Overview(String store, Counters totals, long pending, long deadLetters,
                       long quarantined, List<Problem> problems) {
}
