package dev.herald.api;

import java.util.Objects;

/**
 * What the dispatcher hands a {@link Sink}: one event on one route for one sink, with the body
 * already rendered from the sink's (or the route's) template.
 *
 * @param event          the event
 * @param route          the name of the route that matched it
 * @param sink           the name of the sink it is for
 * @param severity       the effective severity (the event's, raised by the route if it says so)
 * @param body           the rendered template, escaped for the sink's body type
 * @param attempt        1 for the first try, 2 for the first retry, …
 * @param idempotencyKey stable for this event × route × sink across retries and restarts; pass
 *                       it to APIs that deduplicate (PagerDuty dedup_key, SNS FIFO dedup id, …)
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
