package dev.herald.core.store;

import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.QuarantineView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/** Read access to the {@link Store}; valid only inside {@link Store#read} or {@link Store#write}. */
public interface StoreView {

    Optional<String> checkpoint(String instance, String stream);

    /** Stream name to position. */
    Map<String, String> checkpoints(String instance);

    /** Up to {@code max} entries of a sink's outbox due at {@code now}, in (due, seq) order. */
    List<OutboxEntry> due(String sink, long now, int max);

    /**
     * As {@link #due(String, long, int)}, but only entries after {@code after} in (due, seq) order
     * (all of them when it is null): a worker reads its next batch this way while the last one is
     * still in the outbox, its removal not yet committed.
     */
    List<OutboxEntry> due(String sink, long now, int max, OutboxEntry after);

    /** When the sink's earliest entry is due, if it has any. */
    OptionalLong nextDue(String sink);

    long pending(String sink);

    /** When the oldest entry of a sink's outbox entered it (epoch millis), if it has any. */
    OptionalLong oldestEnqueued(String sink);

    /**
     * Up to {@code max} entries of a sink's outbox that entered it before {@code enqueuedBefore},
     * among those due by {@code dueBy}, in (due, seq) order.
     */
    List<OutboxEntry> enqueuedBefore(String sink, long enqueuedBefore, long dueBy, int max);

    /** Sinks that have outbox entries. */
    Set<String> outboxSinks();

    /** A grouping route's group by its {@link Group#id()}. */
    Optional<Group> group(String id);

    /** Up to {@code max} groups due at {@code now}, in (due, seq) order. */
    List<Group> groupsDue(long now, int max);

    /** When the earliest group is due, if there is any. */
    OptionalLong nextGroupDue();

    /** How many groups are open (pending events, or quiet and kept for their repeat interval). */
    long groupCount();

    /** Dead letters with ids above {@code afterId}, oldest first; {@code sink} null for all sinks. */
    List<DeadLetter> deadLetters(String sink, long afterId, int limit);

    long deadLetterCount(String sink);

    /** How many of a sink's dead letters were dropped, oldest first, to keep them within their cap. */
    long deadLettersDropped(String sink);

    /** Sinks that have dead letters. */
    Set<String> deadLetterSinks();

    Counters counters(Counter.Scope scope, String name);

    /** Every name that has counters in the scope, with its counters. */
    Map<String, Counters> counters(Counter.Scope scope);

    /**
     * The newest logged events that pass the filter, newest first; only the newest
     * {@code recent_events} are looked at.
     */
    List<RetainedEvent> recent(Predicate<RetainedEvent> filter, int limit);

    /** A logged event by its key, while the event log retains it. */
    Optional<RetainedEvent> event(long key);

    /**
     * Logged events received from {@code from} (inclusive) to {@code to} (exclusive) with keys
     * above {@code afterKey}, oldest first, at most {@code limit}: page through a range by passing
     * the last key of the previous page (0 at first).
     */
    List<RetainedEvent> events(Instant from, Instant to, long afterKey, int limit);

    /**
     * The latest time at which an event retention dropped from the log was received (epoch
     * millis), 0 when it dropped none: the log holds every event received after it.
     */
    long eventsDroppedUntil();

    /** Delivery attempts, newest first. */
    List<DeliveryView> history(int limit);

    /** Quarantined records, newest first; {@code source} null for all. */
    List<QuarantineView> quarantine(String source, int limit);

    long quarantined();

    /** One quarantined record, if it is still there. */
    Optional<QuarantineView> quarantined(long id);

    /** Quarantined records numbered after {@code afterId}, oldest first; {@code source} null for all. */
    List<QuarantineView> quarantineAfter(String source, long afterId, int limit);

    /** How many quarantined records were dropped to keep the quarantine bounded. */
    long quarantineDropped();

    /** Every stored silence, oldest first. */
    List<Silence> silences();

    Optional<Instant> lastAppend(String instance);

    Optional<Instant> lastSuccess(String sink);

    Optional<String> lastError(String sink);

    /** The highest id given out so far: records added later have higher ids. */
    long lastId();

    /** Source instances the store knows of (counters or checkpoints). */
    Set<String> sourceInstances();
}
