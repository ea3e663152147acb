package dev.herald.api.source;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a source that asks an API for what happened in a time window reads it: from the stream's
 * checkpoint less an overlap (on the first run, a backfill back; never beyond what the API keeps)
 * to now, in slices of at most {@code slice} oldest first. All of a slice is read before any of its
 * events is appended; its end is the stream's checkpoint (an ISO-8601 instant) and goes with the
 * slice's last batch, so it moves only once the journal committed the whole slice. Events seen in
 * an earlier, overlapping window come again and the journal drops them by id.
 */
public final class TimeSlices {
    private static final Logger LOG = LoggerFactory.getLogger(TimeSlices.class);

    /** What one slice holds. */
    @FunctionalInterface
    public interface Slice {
        /**
         * The events of [from, to), in any order.
         *
         * @throws InterruptedException when the source is stopping
         */
        List<Event> events(Instant from, Instant to) throws InterruptedException;
    }

    /**
     * What a source reads.
     *
     * @param overlap   how far before the checkpoint a window starts, for events recorded late
     * @param backfill  how far back the first window starts
     * @param retention how far back the API keeps events
     * @param slice     the longest window read before its events are committed: bounds memory
     * @param batch     the most events appended at once
     */
    public record Window(Duration overlap, Duration backfill, Duration retention, Duration slice, int batch) {
    }

    private final String owner;
    private final String instance;
    private final Journal journal;
    private final Window window;

    /**
     * @param owner    who reads, for the log: {@code CloudTrail source 'audit'}
     * @param instance the source instance
     */
    public TimeSlices(String owner, String instance, Journal journal, Window window) {
        this.owner = owner;
        this.instance = instance;
        this.journal = journal;
        this.window = window;
    }

    /**
     * Reads the stream's window up to {@code now} as the class comment says.
     *
     * @param stream the checkpoint stream ("" for a source of one stream)
     * @throws JournalException when the journal refused a batch: what was committed stays, the rest
     *                          is read again at the next poll
     */
    public void read(String stream, Instant now, Slice slice) throws JournalException, InterruptedException {
        Instant oldest = now.minus(window.retention());
        Instant from = committed(stream).map(c -> c.minus(window.overlap())).orElse(now.minus(window.backfill()));
        if (from.isBefore(oldest)) {
            from = oldest;
        }
        if (!from.isBefore(now)) {
            journal.append(instance, List.of(), new Checkpoint(stream, now.toString()));
            return;
        }
        for (Instant start = from; start.isBefore(now); ) {
            Instant end = start.plus(window.slice()).isBefore(now) ? start.plus(window.slice()) : now;
            deliver(stream, slice.events(start, end), end);
            start = end;
        }
    }

    /** Appends a slice's events in batches; the last one carries the slice's end as checkpoint. */
    private void deliver(String stream, List<Event> events, Instant end) throws JournalException {
        Checkpoint next = new Checkpoint(stream, end.toString());
        if (events.isEmpty()) {
            journal.append(instance, List.of(), next);
            return;
        }
        for (int start = 0; start < events.size(); start += window.batch()) {
            int stop = Math.min(events.size(), start + window.batch());
            journal.append(instance, events.subList(start, stop), stop == events.size() ? next : null);
        }
    }

    private Optional<Instant> committed(String stream) {
        Optional<Checkpoint> checkpoint = journal.checkpoint(instance, stream);
        try {
            return checkpoint.map(c -> Instant.parse(c.position()));
        } catch (DateTimeParseException e) {
            LOG.error("{}: the checkpoint{} is not a timestamp ({}); starting {} back instead", owner,
                    stream.isEmpty() ? "" : " of " + stream, e.getParsedString(), window.backfill());
            return Optional.empty();
        }
    }
}
