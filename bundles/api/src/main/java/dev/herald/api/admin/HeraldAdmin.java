package dev.herald.api.admin;

import dev.herald.api.Event;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Inspects and operates a running Herald. Provided by core; used by the shell and consoles. */
@ProviderType
public interface HeraldAdmin {

    /** Totals, the store, and every configuration problem. */
    Overview overview();

    /** Configured or active source instances. */
    List<SourceView> sources();

    /** Configured sinks, and sinks that routes name but that are not installed. */
    List<SinkView> sinks();

    /** Every route, valid or not. */
    List<RouteView> routes();

    /**
     * Which routes match the event and what each of their sinks would receive. Sends nothing,
     * stores nothing.
     */
    List<RouteMatch> routeTest(Event event);

    /**
     * Renders a test event with the sink's template and sends it to the sink at once, outside
     * the outbox, reporting the sink's verdict.
     *
     * @param event the event to send, or null for Herald's built-in test event
     */
    SendResult sendTest(String sink, Event event);

    /**
     * Recently received events, newest first.
     *
     * @param text when not blank, only events whose id, type, source instance or raw text
     *             contain it (case-insensitive)
     */
    List<EventView> events(String text, int limit);

    /** One recently received event by id. */
    Optional<EventView> event(String id);

    /** Dead letters, oldest first; {@code sink} null for all sinks. */
    List<DeadLetterView> deadLetters(String sink, int limit);

    /**
     * Moves dead letters back into their sink's outbox, to be tried again from attempt 1.
     *
     * @param sink null for all sinks
     * @param ids  null or empty for all of that sink's dead letters
     * @return how many were moved
     */
    int retryDeadLetters(String sink, List<Long> ids);

    /** Deletes dead letters (same selection as {@link #retryDeadLetters}); returns how many. */
    int purgeDeadLetters(String sink, List<Long> ids);

    /** Every sink with entries waiting in its outbox, by sink name. */
    List<OutboxView> outboxes();

    /**
     * Deletes every entry waiting in a sink's outbox (those there when it starts); they are not
     * delivered and not dead-lettered.
     *
     * @return how many were deleted
     */
    long purgeOutbox(String sink);

    /** Records sources could not read, newest first. */
    List<QuarantineView> quarantine(String source, int limit);

    /**
     * Deletes quarantined records (those there when it starts).
     *
     * @param source null for every source
     * @param ids    null or empty for all of that source's records, else only these ({@link
     *               QuarantineView#id})
     * @return how many were deleted
     */
    int purgeQuarantine(String source, List<Long> ids);

    /**
     * Offers quarantined records again to the source instance that quarantined them, which
     * converts them with its current settings ({@link dev.herald.api.source.QuarantineRetry}).
     * A record that converts now goes into the journal as events (deduplicated as usual) and
     * leaves the quarantine; one that does not stays, with the new reason. Records stored
     * truncated, and records of a source that cannot retry, are refused and stay.
     *
     * @param source null for every source
     * @param ids    null or empty for all of that source's records (those there when it starts),
     *               else only these ({@link QuarantineView#id})
     * @return one result per record tried or refused, oldest first
     */
    List<QuarantineRetryResult> retryQuarantine(String source, List<Long> ids);

    /** The most recent delivery attempts, newest first. */
    List<DeliveryView> history(int limit);

    /** A source instance's committed stream positions: stream name to position. */
    Map<String, String> checkpoints(String source);

    /**
     * Forgets a source's position so that it reads again from its configured start.
     *
     * @param stream null for every stream of the source
     * @return how many positions were removed
     */
    int resetCheckpoint(String source, String stream);

    /**
     * Evaluates the events the event log retains in a time range against one route's definition
     * (enabled or not) and, when {@link ReplayRequest#send()} is set, puts a notification for each
     * match into the outbox of each chosen sink, with idempotency keys scoped to this replay.
     *
     * @throws IllegalArgumentException when the route or a sink is unknown, the range is empty or
     *                                  reaches back beyond what the event log retains
     */
    ReplayResult replay(ReplayRequest request);

    /**
     * Adds a silence that begins now: notifications of matching events are not sent to its sinks
     * while it lasts, only counted as silenced. It applies when a notification is created: entries
     * already waiting in an outbox are sent, and what it held back is not sent when it ends.
     *
     * @throws IllegalArgumentException when the pattern is not a valid event pattern, a sink is
     *                                  unknown or the comment is missing, saying which
     */
    SilenceView addSilence(SilenceRequest request);

    /** Silences that are active, and those that ended recently (newest first). */
    List<SilenceView> silences();

    /**
     * Ends an active silence now.
     *
     * @param by who expires it, or null when unknown
     * @throws IllegalArgumentException when there is no such silence or it has already ended
     */
    SilenceView expireSilence(long id, String by);
}
