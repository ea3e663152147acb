package dev.herald.source.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One poll: the findings updated from the checkpoint less the overlap (on the first run, {@code
 * backfill_hours} ago; never beyond Security Hub's 90 days) to now, read in slices of at most
 * {@link #SLICE}, oldest first. All pages of a slice are read before any of its events is
 * appended; the checkpoint (one stream, position = the slice's end) goes with the slice's last
 * batch, so it moves only once the journal committed the whole slice. Each update of a finding is
 * its own event ({@code Id@UpdatedAt}): updates seen in an earlier, overlapping window come again
 * and the journal drops them by id.
 *
 * <p>When Security Hub cannot be read, the source pauses as {@link PollHealth} says and shows
 * the problem ({@link Journal#problem}) until it reads again. A refusing journal ends the poll:
 * nothing more moves.
 */
final class SecurityHubPoller {
    /** The longest window read before its events are committed: bounds memory on a long backfill. */
    static final Duration SLICE = Duration.ofHours(1);
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SecurityHubPoller.class);

    private final SecurityHubSettings settings;
    private final FindingsWindow window;
    private final Journal journal;
    private final Clock clock;
    private final FindingEvents findings;
    private final PollHealth health;

    SecurityHubPoller(SecurityHubSettings settings, FindingsWindow window, Journal journal, Clock clock) {
        this.settings = settings;
        this.window = window;
        this.journal = journal;
        this.clock = clock;
        this.findings = new FindingEvents(settings.name(), journal);
        this.health = new PollHealth("", settings.pollInterval());
    }

    /**
     * Polls once, unless a failure paused the source.
     *
     * @return how long to wait before the next poll
     * @throws InterruptedException when the source is stopping
     */
    Duration poll() throws InterruptedException {
        Instant now = clock.instant();
        if (!health.due(now)) {
            return settings.pollInterval();
        }
        try {
            read(now);
            health.readAgain();
            report(null);
        } catch (SdkException e) {
            AwsErrors.pause(health, e, SecurityHubHints.hint(e), now);
            LOG.debug("Security Hub source '{}': {}", settings.name(), health.problem().orElse(""), e);
            report(health.problem().orElse(null));
        } catch (JournalException e) {
            report("the journal refused the findings (" + e.getMessage() + "); nothing more was committed,"
                    + " asking again at the next poll");
        }
        return settings.pollInterval();
    }

    private void read(Instant now) throws JournalException, InterruptedException {
        Instant oldest = now.minus(SecurityHubSettings.RETENTION);
        Instant from = committed().map(c -> c.minus(settings.overlap())).orElse(now.minus(settings.backfill()));
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        if (!from.isBefore(now)) {
            journal.append(settings.name(), List.of(), Checkpoint.of(now.toString()));
            return;
        }
        for (Instant start = from; start.isBefore(now); ) {
            Instant end = start.plus(SLICE).isBefore(now) ? start.plus(SLICE) : now;
            deliver(events(window.findings(start, end)), end);
            start = end;
        }
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

    /** Appends a slice's events in batches; the last one carries the slice's end as checkpoint. */
    private void deliver(List<Event> events, Instant end) throws JournalException {
        Checkpoint next = Checkpoint.of(end.toString());
        if (events.isEmpty()) {
            journal.append(settings.name(), List.of(), next);
            return;
        }
        for (int start = 0; start < events.size(); start += BATCH) {
            int stop = Math.min(events.size(), start + BATCH);
            journal.append(settings.name(), events.subList(start, stop), stop == events.size() ? next : null);
        }
    }

    private Optional<Instant> committed() {
        Optional<Checkpoint> checkpoint = journal.checkpoint(settings.name());
        try {
            return checkpoint.map(c -> Instant.parse(c.position()));
        } catch (DateTimeParseException e) {
            LOG.error("Security Hub source '{}': the checkpoint is not a timestamp ({}); starting {} back instead",
                    settings.name(), e.getParsedString(), settings.backfill());
            return Optional.empty();
        }
    }

    /** Tells the journal (which logs a change) what keeps the source from reading; null clears it. */
    private void report(String problem) {
        journal.problem(settings.name(), problem);
    }
}
