package dev.herald.api.admin;

import dev.herald.api.Event;

/**
 * The contract of Herald's self-alerts: events about Herald itself (a sink paused, a source
 * problem, the store failing) that the built-in source appends through the journal like any
 * other event, so routes can send them anywhere.
 *
 * <p>A self-alert about a sink names it in {@code detail.sink}; the journal never queues such an
 * alert for that same sink, which could not deliver it and would only add to its trouble.
 */
public final class SelfAlerts {
    /** The {@link Event#source() source} and {@link Event#instance() instance} of every self-alert. */
    public static final String SOURCE = "herald";
    /** The detail field naming the sink a self-alert is about. */
    public static final String SINK_FIELD = "sink";

    private SelfAlerts() {
    }

    /** Whether the event is a self-alert about {@code sink} (and so must not be queued for it). */
    public static boolean isAbout(Event event, String sink) {
        return SOURCE.equals(event.source()) && SOURCE.equals(event.instance())
                && sink.equals(event.detail().path(SINK_FIELD).asText(null));
    }
}
