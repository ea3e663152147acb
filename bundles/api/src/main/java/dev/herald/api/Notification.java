package dev.herald.api;

import java.util.Objects;

/**
 * What the dispatcher hands a {@link Sink}: one event for one sink, however many routes sent it
 * there, with the body already rendered from the sink's (or a route's) template.
 *
 * @param event          the event
 * @param route          the name of the first route (by priority, then name) that sent it to the
 *                       sink; the template sees all of them as {@code routes}
 * @param sink           the name of the sink it is for
 * @param severity       the effective severity (the event's, raised to the highest the routes give)
 * @param body           the rendered template, escaped for the sink's body type
 * @param attempt        1 for the first try, 2 for the first retry, …
 * @param idempotencyKey stable for this event × sink across retries and restarts; pass
 *                       it to APIs that deduplicate (PagerDuty dedup_key, SNS FIFO dedup id, …).
 *                       A sink that declares {@code @IdempotencyKeys(false)} gets instead a
 *                       key that only tells apart the notifications of one batch
 *                       ({@link BatchSink#sendBatch} reports failures by it)
 */
public record Notification(Event event, String route, String sink, Severity severity, String body,
                           int attempt, String idempotencyKey) {
    public Notification {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
    }
}
