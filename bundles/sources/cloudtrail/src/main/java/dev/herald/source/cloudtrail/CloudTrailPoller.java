package dev.herald.source.cloudtrail;

import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollHealth;
import dev.herald.api.source.SourceHealth;
import dev.herald.api.source.TimeSlices;
import dev.herald.aws.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One poll of every due region: each region is a stream (its id) read as {@link TimeSlices} of at
 * most {@link #SLICE} says, from the region's checkpoint less the overlap (on the first run, {@code
 * backfill_hours} ago; never beyond LookupEvents' 90 days) to now. Events seen in an earlier,
 * overlapping window come again and the journal drops them by id ({@code eventID}).
 *
 * <p>A region that fails is paused as {@link PollHealth} says and named in the source's problem
 * ({@link SourceHealth}); the other regions go on, and the problem is cleared once every region
 * reads again. A refusing journal ends the poll: nothing more moves.
 */
final class CloudTrailPoller {
    /** The longest window read before its events are committed: bounds memory on a long backfill. */
    static final Duration SLICE = Duration.ofHours(1);
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailPoller.class);

    private final CloudTrailSettings settings;
    private final List<RegionLookup> lookups;
    private final Clock clock;
    private final LookupRecords records;
    private final TimeSlices slices;
    private final SourceHealth health;

    CloudTrailPoller(CloudTrailSettings settings, List<RegionLookup> lookups, Journal journal, Clock clock,
                     RecordRecognizer recognizer) {
        this.settings = settings;
        this.lookups = lookups;
        this.clock = clock;
        this.records = new LookupRecords(settings.name(), journal, recognizer);
        this.slices = new TimeSlices("CloudTrail source '" + settings.name() + "'", settings.name(), journal,
                new TimeSlices.Window(settings.overlap(), settings.backfill(), CloudTrailSettings.RETENTION, SLICE,
                        BATCH));
        this.health = new SourceHealth(settings.name(), journal, settings.pollInterval());
        lookups.forEach(lookup -> health.health(lookup.region().id()));
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
            String id = lookup.region().id();
            PollHealth region = health.health(id);
            if (!region.due(now)) {
                continue;
            }
            try {
                slices.read(id, now, (from, to) -> records.events(lookup.region(), lookup.window(from, to)));
                region.readAgain();
            } catch (SdkException e) {
                AwsErrors.pause(region, e, new RegionHints(id).hint(e), now);
                LOG.debug("CloudTrail source '{}': {}", settings.name(), region.problem().orElse(""), e);
            } catch (JournalException e) {
                health.journalRefused("the events of " + id, e);
                break;
            }
        }
        health.report();
        return settings.pollInterval();
    }

    /** What keeps the source from reading, as last shown; empty when every region reads. */
    Optional<String> problem() {
        return health.reported();
    }
}
