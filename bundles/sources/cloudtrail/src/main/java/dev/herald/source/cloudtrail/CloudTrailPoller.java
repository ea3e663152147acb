package dev.herald.source.cloudtrail;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.source.PollHealth;
import dev.herald.aws.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One poll of every due region: the window from the region's checkpoint less the overlap (on the
 * first run, {@code backfill_hours} ago; never beyond LookupEvents' 90 days) to now, read in
 * slices of at most {@link #SLICE} oldest first. All pages of a slice are read before any of its
 * events is appended; the region's checkpoint (stream = region id, position = the slice's end)
 * goes with the slice's last batch, so it moves only once the journal committed the whole slice.
 * Events seen in an earlier, overlapping window come again and the journal drops them by id
 * ({@code eventID}).
 *
 * <p>A region that fails is paused as {@link PollHealth} says and named in the source's
 * problem ({@link Journal#problem}); the other regions go on, and the problem is cleared once
 * every region reads again. A refusing journal ends the poll: nothing more moves.
 */
final class CloudTrailPoller {
    /** The longest window read before its events are committed: bounds memory on a long backfill. */
    static final Duration SLICE = Duration.ofHours(1);
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailPoller.class);

    private final CloudTrailSettings settings;
    private final List<RegionLookup> lookups;
    private final Journal journal;
    private final Clock clock;
    private final LookupRecords records;
    private final Map<String, PollHealth> health = new LinkedHashMap<>();
    private String reported;

    CloudTrailPoller(CloudTrailSettings settings, List<RegionLookup> lookups, Journal journal, Clock clock) {
        this.settings = settings;
        this.lookups = lookups;
        this.journal = journal;
        this.clock = clock;
        this.records = new LookupRecords(settings.name(), journal);
        for (RegionLookup lookup : lookups) {
            health.put(lookup.region().id(), new PollHealth(lookup.region().id() + ": ", settings.pollInterval()));
        }
    }

    /**
     * Polls every due region once.
     *
     * @return how long to wait before the next poll
     * @throws InterruptedException when the source is stopping
     */
    Duration poll() throws InterruptedException {
        Instant now = clock.instant();
        for (RegionLookup lookup : lookups) {
            PollHealth region = health.get(lookup.region().id());
            if (!region.due(now)) {
                continue;
            }
            try {
                read(lookup, now);
                region.readAgain();
            } catch (SdkException e) {
                AwsErrors.pause(region, e, new RegionHints(lookup.region().id()).hint(e), now);
                LOG.debug("CloudTrail source '{}': {}", settings.name(), region.problem().orElse(""), e);
            } catch (JournalException e) {
                report("the journal refused the events of " + lookup.region().id() + " (" + e.getMessage()
                        + "); nothing more was committed, asking again at the next poll");
                return settings.pollInterval();
            }
        }
        String problems = health.values().stream().map(PollHealth::problem).flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        report(problems.isEmpty() ? null : problems);
        return settings.pollInterval();
    }

    /** What keeps the source from reading, as last shown; empty when every region reads. */
    Optional<String> problem() {
        return Optional.ofNullable(reported);
    }

    private void read(RegionLookup lookup, Instant now) throws JournalException, InterruptedException {
        String stream = lookup.region().id();
        Instant oldest = now.minus(CloudTrailSettings.RETENTION);
        Instant from = committed(stream).map(c -> c.minus(settings.overlap())).orElse(now.minus(settings.backfill()));
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        if (!from.isBefore(now)) {
            journal.append(settings.name(), List.of(), new Checkpoint(stream, now.toString()));
            return;
        }
        for (Instant start = from; start.isBefore(now); ) {
            Instant end = start.plus(SLICE).isBefore(now) ? start.plus(SLICE) : now;
            deliver(stream, records.events(lookup.region(), lookup.window(start, end)), end);
            start = end;
        }
    }

    /** Appends a slice's events in batches; the last one carries the slice's end as checkpoint. */
    private void deliver(String stream, List<Event> events, Instant end) throws JournalException {
        Checkpoint next = new Checkpoint(stream, end.toString());
        if (events.isEmpty()) {
            journal.append(settings.name(), List.of(), next);
            return;
        }
        for (int start = 0; start < events.size(); start += BATCH) {
            int stop = Math.min(events.size(), start + BATCH);
            journal.append(settings.name(), events.subList(start, stop), stop == events.size() ? next : null);
        }
    }

    private Optional<Instant> committed(String stream) {
        Optional<Checkpoint> checkpoint = journal.checkpoint(settings.name(), stream);
        try {
            return checkpoint.map(c -> Instant.parse(c.position()));
        } catch (DateTimeParseException e) {
            LOG.error("CloudTrail source '{}': the checkpoint of {} is not a timestamp ({}); starting {} back instead",
                    settings.name(), stream, e.getParsedString(), settings.backfill());
            return Optional.empty();
        }
    }

    /** Tells the journal (which logs a change) what keeps the source from reading; null clears it. */
    private void report(String problem) {
        reported = problem;
        journal.problem(settings.name(), problem);
    }
}
