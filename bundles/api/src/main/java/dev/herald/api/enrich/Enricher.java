package dev.herald.api.enrich;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import java.time.Duration;

/**
 * Adds fields to events before they are routed; registered as an OSGi service. See the {@linkplain
 * dev.herald.api.enrich package} for how Herald applies enrichers.
 */
public interface Enricher {

    /** How long {@link #enrich} may take unless the enricher says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    /** Names the enricher in logs and in {@code herald:status}, e.g. {@code geoip}. */
    String name();

    /**
     * Where the enricher runs among the others: lower first, equal ones by {@link #name()}. A later
     * enricher sees what earlier ones added in {@link Event#enrichment()}.
     */
    default int order() {
        return 100;
    }

    /** The longest {@link #enrich} may take for one event; the event goes on without its fields after that. */
    default Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    /**
     * Whether {@link #enrich} only reads memory the enricher already holds (a table loaded at
     * activation, say) and so returns within microseconds, never waiting on a file, a socket or a
     * lock another thread holds. Such an enricher runs on the thread that appends the event,
     * without {@link #timeout()} and without the hand-over to an enrichment thread, which costs
     * more than such a lookup; what it throws is reported as any enricher's failure. False by
     * default: anything that may wait runs on an enrichment thread, bounded by its timeout.
     */
    default boolean inMemory() {
        return false;
    }

    /**
     * Whether the enricher has anything to look up for this event (it has an IP address, a
     * workload href, …). Called on the thread that appends the event, so it must be cheap and must
     * not block.
     */
    boolean appliesTo(Event event);

    /**
     * The fields to add to the event's {@code enrichment}, each top-level field of the result
     * becoming one ({@code {"geo": {...}}} becomes {@code enrichment.geo}); empty when there is
     * nothing to add. Called on one of Herald's enrichment threads, interrupted after {@link
     * #timeout()} (on the appending thread when {@link #inMemory()}). A field an earlier enricher
     * already set is kept and the clash is reported.
     *
     * @throws Exception when the lookup failed: the event goes on without the fields and the
     *                   message is shown as this enricher's problem, so it must say what to fix
     */
    ObjectNode enrich(Event event) throws Exception;
}
