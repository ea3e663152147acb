package dev.herald.source.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One poll: the findings updated from the checkpoint less the overlap (on the first run, {@code
 * backfill_hours} ago; never beyond Security Hub's 90 days) to now, read as {@link TimeSlices} of
 * at most {@link #SLICE} says (one stream). Each update of a finding is its own event ({@code
 * Id@UpdatedAt}): updates seen in an earlier, overlapping window come again and the journal drops
 * them by id.
 *
 * <p>When Security Hub cannot be read, the source pauses as {@link PollHealth} says and shows
 * the problem ({@link SourceHealth}) until it reads again. A refusing journal ends the poll:
 * nothing more moves.
 */
final class SecurityHubPoller {
    /** The longest window read before its events are committed: bounds memory on a long backfill. */
    static final Duration SLICE = Duration.ofHours(1);
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityHubPoller.class);

    private final SecurityHubSettings settings;
    private final FindingsWindow window;
    private final Clock clock;
    private final FindingEvents findings;
    private final TimeSlices slices;
    private final SourceHealth health;

    SecurityHubPoller(SecurityHubSettings settings, FindingsWindow window, Journal journal, Clock clock,
                      RecordRecognizer recognizer) {
        this.settings = settings;
        this.window = window;
        this.clock = clock;
        this.findings = new FindingEvents(settings.name(), journal, recognizer);
        this.slices = new TimeSlices("Security Hub source '" + settings.name() + "'", settings.name(), journal,
                new TimeSlices.Window(settings.overlap(), settings.backfill(), SecurityHubSettings.RETENTION, SLICE,
                        BATCH));
        this.health = new SourceHealth(settings.name(), journal, settings.pollInterval());
    }

    /**
     * Polls once, unless a failure paused the source.
     *
     * @return how long to wait before the next poll
     * @throws InterruptedException when the source is stopping
     */
    Duration poll() throws InterruptedException {
        Instant now = clock.instant();
        PollHealth hub = health.health();
        if (!hub.due(now)) {
            return settings.pollInterval();
        }
        try {
            slices.read("", now, (from, to) -> events(window.findings(from, to)));
            hub.readAgain();
        } catch (SdkException e) {
            AwsErrors.pause(hub, e, SecurityHubHints.hint(e), now);
            LOG.debug("Security Hub source '{}': {}", settings.name(), hub.problem().orElse(""), e);
        } catch (JournalException e) {
            health.journalRefused("the findings", e);
        }
        health.report();
        return settings.pollInterval();
    }

    private List<Event> events(List<JsonNode> found) {
        List<Event> events = new ArrayList<>(found.size());
        for (JsonNode finding : found) {
            events.addAll(findings.event(FindingEvents.ASFF_IMPORTED, finding, finding.toString(),
                    "GetFindings:" + FindingEvents.identity(finding)));
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }
}
