package dev.herald.source.pce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollHealth;
import dev.herald.api.source.RecordIsolation;
import dev.herald.api.source.SourceHealth;
import dev.herald.http.HttpFailure;
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

/**
 * One poll of the PCE's audit events, from the checkpoint (less the overlap; on the first run,
 * {@code backfill_hours} ago) to now, into the {@link Journal}.
 *
 * <p>A response holding {@code max_results} events may have left some out. With {@code
 * full_window = async} the whole window is then collected by an {@link AsyncCollection}; with
 * {@code split}, or when the PCE cannot deliver the collection, the window is halved and each half
 * asked again (without async for the rest of the poll), down to one second. A window's events are
 * delivered only once all of them are downloaded. Windows are delivered oldest first,
 * each as batches whose checkpoint is the newest event time committed so far: the checkpoint
 * moves only once {@link Journal#append} succeeded, and the next poll asks again from there
 * (events of the same second come again and the journal drops them by href).
 *
 * <p>An event that cannot be converted (whatever it raises) is quarantined as its {@code href},
 * or its place in the window when it has none, once per run (see {@link RecordIsolation}) and the
 * rest flows. The checkpoint never passes the end of the window asked for, so that an event dated
 * in the future cannot make later polls skip everything up to its date; a checkpoint found in the
 * future (left by an earlier version) is moved back to now.
 *
 * <p>A refused API key, an unreachable or failing PCE and a body that is not what the API
 * documents commit nothing more: the source pauses as {@link PollHealth} says and shows the
 * problem ({@link SourceHealth}) until it reads again. A refusing journal is shown too; the
 * next poll asks again.
 */
final class PcePoller {
    private static final Logger LOG = LoggerFactory.getLogger(PcePoller.class);
    private static final Duration SMALLEST_WINDOW = Duration.ofSeconds(1);
    static final int BATCH = 1000;

    private final PceSettings settings;
    private final PceClient client;
    private final AsyncCollection async;
    private final Journal journal;
    private final Clock clock;
    private final RecordRecognizer recognizer;
    private final RecordIsolation isolation;
    private final SourceHealth health;

    PcePoller(PceSettings settings, PceClient client, AsyncCollection async, Journal journal, Clock clock,
              RecordRecognizer recognizer) {
        this.recognizer = recognizer;
        this.settings = settings;
        this.client = client;
        this.async = async;
        this.journal = journal;
        this.clock = clock;
        this.isolation = new RecordIsolation(settings.name(), journal);
        this.health = new SourceHealth(settings.name(), journal, settings.pollInterval());
    }

    /** Asks the PCE how it is and logs the answer; a failure only logs. */
    void checkHealth() throws InterruptedException {
        try {
            LOG.info("PCE source '{}': {} health: {}", settings.name(), settings.pceUrl(), abbreviate(client.health()));
        } catch (HttpFailure e) {
            LOG.warn("PCE source '{}': the health check of {} failed: {}{}; polling anyway", settings.name(),
                    settings.pceUrl(), e.getMessage(), authHint(e));
        }
    }

    /**
     * Polls once.
     *
     * @return how long to wait before the next poll
     * @throws InterruptedException when the source is stopping
     */
    Duration poll() throws InterruptedException {
        Instant committed;
        try {
            committed = committed();
        } catch (DateTimeParseException e) {
            LOG.error("PCE source '{}': its checkpoint is not a timestamp ({}); starting {} back instead",
                    settings.name(), e.getParsedString(), settings.backfill());
            committed = null;
        }
        Instant to = clock.instant();
        boolean rewind = committed != null && committed.isAfter(to);
        if (rewind) {
            LOG.warn("PCE source '{}': its checkpoint {} lies in the future (an event dated there moved it); reading"
                    + " from now instead", settings.name(), committed);
            committed = to;
        }
        Instant from = committed == null ? to.minus(settings.backfill()) : committed.minus(settings.overlap());
        Duration wait;
        try {
            if (rewind) {
                journal.append(settings.name(), List.of(), Checkpoint.of(to.toString()));
            }
            fetch(from, to, new Delivery(committed, to), settings.fullWindow() == PceSettings.FullWindow.ASYNC);
            health.health().readAgain();
            wait = settings.pollInterval();
        } catch (HttpFailure e) {
            wait = failed(e, to);
        } catch (MalformedResponseException e) {
            wait = health.health().failed(e.getMessage() + "; nothing more was committed", Optional.empty(), to);
        } catch (JournalException e) {
            health.journalRefused("the events", e);
            wait = settings.pollInterval();
        }
        health.report();
        return wait;
    }

    private Instant committed() {
        return journal.checkpoint(settings.name()).map(c -> Instant.parse(c.position())).orElse(null);
    }

    /**
     * Fetches [from, to] and delivers its events, a full window collected whole when {@code
     * tryAsync} and the PCE can, else split; sub-windows are delivered oldest first.
     */
    private void fetch(Instant from, Instant to, Delivery delivery, boolean tryAsync)
            throws HttpFailure, MalformedResponseException, JournalException, InterruptedException {
        ArrayNode events = client.events(from, to);
        if (events.size() >= settings.maxResults()) {
            Optional<ArrayNode> all = tryAsync ? async.collect(from, to) : Optional.empty();
            if (all.isPresent()) {
                delivery.deliver(all.get(), from, to);
                return;
            }
            Duration length = Duration.between(from, to);
            if (length.compareTo(SMALLEST_WINDOW) > 0) {
                Instant middle = from.plus(length.dividedBy(2));
                fetch(from, middle, delivery, false);
                fetch(middle, to, delivery, false);
                return;
            }
            LOG.warn("PCE source '{}': {} or more events between {} and {}; the PCE returns at most max_results = {}"
                    + " at once, so some of that second may be missing: raise max_results (up to {}) or use"
                    + " full_window = async", settings.name(), events.size(), from, to, settings.maxResults(),
                    PceSettings.MAX_RESULTS);
        }
        delivery.deliver(events, from, to);
    }

    /** What one poll has committed so far. */
    private final class Delivery {
        private final Instant limit;
        private Instant checkpoint;

        /** @param limit the end of the poll's window: the checkpoint never passes it */
        Delivery(Instant committed, Instant limit) {
            this.checkpoint = committed;
            this.limit = limit;
        }

        /** Delivers the events {@code records} holds, read from the window [from, to]. */
        void deliver(ArrayNode records, Instant from, Instant to) throws JournalException {
            List<Event> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                String text = record.toString();
                events.addAll(isolation.events(location(record, i, records.size(), from, to), text,
                        () -> recognizer.events(record, text, settings.name(), null)));
            }
            events.sort(Comparator.comparing(Event::time));
            for (int start = 0; start < events.size(); start += BATCH) {
                List<Event> batch = events.subList(start, Math.min(events.size(), start + BATCH));
                Instant newest = batch.get(batch.size() - 1).time();
                Instant next = newest.isAfter(limit) ? limit : newest;
                if (checkpoint != null && checkpoint.isAfter(next)) {
                    next = checkpoint;
                }
                journal.append(settings.name(), batch, Checkpoint.of(next.toString()));
                checkpoint = next;
            }
        }
    }

    /** The event's href, or where it was in the answer when it has none. */
    private static String location(JsonNode record, int index, int count, Instant from, Instant to) {
        JsonNode href = record.get("href");
        return "pce:" + (href != null && href.isTextual() ? href.asText()
                : "event " + (index + 1) + " of " + count + " from " + from + " to " + to);
    }

    private Duration failed(HttpFailure e, Instant now) {
        int status = e.status().orElse(0);
        if (status == 401 || status == 403) {
            return health.health().refused("the PCE refused the API key (HTTP " + status + "): check"
                    + " api_user/api_secret and the org id (org_id = " + settings.orgId() + ")", now);
        }
        String what = status == 429 ? "the PCE's rate limit was reached (HTTP 429)" : e.getMessage();
        return health.health().failed(what + "; nothing more was committed", e.retryAfter(), now);
    }

    private static String authHint(HttpFailure e) {
        int status = e.status().orElse(0);
        return status == 401 || status == 403 ? " (check api_user/api_secret and the org id)" : "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
