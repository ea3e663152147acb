package dev.herald.api.admin;

import java.time.Instant;
import java.util.Map;

/**
 * What a replay found and, unless it was a dry run, put into the outboxes.
 *
 * @param replay  the replay's id, part of the idempotency keys of what it sends; null for a dry run
 * @param since   the start of the range looked at
 * @param until   the end of the range looked at (exclusive)
 * @param scanned how many retained events of the range were read
 * @param matched how many of them passed the filters and matched the route
 * @param perSink sink name to how many notifications it gets (a dry run: would get), in the route's order
 * @param sent    whether they were put into the outboxes
 */
public record ReplayResult(String replay, Instant since, Instant until, long scanned, long matched,
                           Map<String, Long> perSink, boolean sent) {
}
