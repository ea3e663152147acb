package dev.herald.source.pce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.http.HttpFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>An event the recognizer rejects is quarantined as {@code pce:<href or index>} once per run
 * and the rest flows; a body that is not a JSON array, a refused request or a refusing journal
 * commits nothing more and the poll is tried again later.
 */
final class PcePoller {
    private static final Logger LOG = LoggerFactory.getLogger(PcePoller.class);
    private static final Duration SMALLEST_WINDOW = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** After a refused API key, poll at most this often: the key will not fix itself quickly. */
    static final Duration AUTH_RETRY = Duration.ofMinutes(5);
    static final int BATCH = 1000;
    private static final int QUARANTINE_MEMORY = 10_000;

    private final PceSettings settings;
    private final PceClient client;
    private final AsyncCollection async;
    private final Journal journal;
    private final Clock clock;
    private final RecordRecognizer recognizer = new RecordRecognizer();
    private final Set<String> quarantined = new HashSet<>();
    private int failures;
    private String lastProblem;

    PcePoller(PceSettings settings, PceClient client, AsyncCollection async, Journal journal, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.async = async;
        this.journal = journal;
        this.clock = clock;
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
        Instant from = committed == null ? to.minus(settings.backfill()) : committed.minus(settings.overlap());
        try {
            Delivery delivery = new Delivery(committed);
            fetch(from, to, delivery, settings.fullWindow() == PceSettings.FullWindow.ASYNC);
            if (lastProblem != null) {
                LOG.info("PCE source '{}': polling {} works again", settings.name(), settings.pceUrl());
            }
            lastProblem = null;
            failures = 0;
            return settings.pollInterval();
        } catch (HttpFailure e) {
            return failed(e);
        } catch (MalformedResponseException e) {
            return problem(e.getMessage() + "; nothing more was committed, asking again at the next poll",
                    settings.pollInterval());
        } catch (JournalException e) {
            return problem("the journal refused the events (" + e.getMessage() + "); nothing more was committed,"
                    + " asking again at the next poll", settings.pollInterval());
        }
    }

    /** The problem the last poll ran into, as logged; empty when it went well. */
    Optional<String> problem() {
        return Optional.ofNullable(lastProblem);
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
                delivery.deliver(all.get());
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
        delivery.deliver(events);
    }

    /** What one poll has committed so far. */
    private final class Delivery {
        private Instant checkpoint;

        Delivery(Instant committed) {
            this.checkpoint = committed;
        }

        void deliver(ArrayNode records) throws JournalException {
            List<Event> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                try {
                    events.addAll(recognizer.events(record, record.toString(), settings.name(), null));
                } catch (RecordException e) {
                    quarantine(record, i, e.getMessage());
                }
            }
            events.sort(Comparator.comparing(Event::time));
            for (int start = 0; start < events.size(); start += BATCH) {
                List<Event> batch = events.subList(start, Math.min(events.size(), start + BATCH));
                Instant newest = batch.get(batch.size() - 1).time();
                Instant next = checkpoint == null || newest.isAfter(checkpoint) ? newest : checkpoint;
                journal.append(settings.name(), batch, Checkpoint.of(next.toString()));
                checkpoint = next;
            }
        }
    }

    private void quarantine(JsonNode record, int index, String reason) {
        JsonNode href = record.get("href");
        String location = "pce:" + (href != null && href.isTextual() ? href.asText() : Integer.toString(index));
        String key = location + " " + record;
        if (quarantined.size() >= QUARANTINE_MEMORY) {
            quarantined.clear();
        }
        if (quarantined.add(key)) {
            journal.quarantine(settings.name(), location, reason, record.toString());
        }
    }

    private Duration failed(HttpFailure e) {
        int status = e.status().orElse(0);
        if (status == 401 || status == 403) {
            Duration wait = max(settings.pollInterval(), AUTH_RETRY);
            return problem("the PCE refused the API key (HTTP " + status + "): check api_user/api_secret and the org id"
                    + " (org_id = " + settings.orgId() + "); asking again in " + wait.toSeconds() + " s", wait);
        }
        failures++;
        Duration wait = e.retryAfter().map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
                .orElseGet(this::backoff);
        String kind = status == 429 ? "the PCE's rate limit was reached (HTTP 429)" : e.getMessage();
        return problem(kind + "; nothing more was committed, asking again in " + wait.toSeconds() + " s", wait);
    }

    private Duration backoff() {
        Duration wait = settings.pollInterval().multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? max(MAX_BACKOFF, settings.pollInterval()) : wait;
    }

    /** Logs a problem once while it lasts (at error level), then returns the wait. */
    private Duration problem(String message, Duration wait) {
        String kind = message.replaceAll("\\d+ s$", "");
        if (!Objects.equals(kind, lastProblem)) {
            LOG.error("PCE source '{}' ({}): {}", settings.name(), settings.pceUrl(), message);
            lastProblem = kind;
        } else {
            LOG.debug("PCE source '{}' ({}): {}", settings.name(), settings.pceUrl(), message);
        }
        return wait;
    }

    private static String authHint(HttpFailure e) {
        int status = e.status().orElse(0);
        return status == 401 || status == 403 ? " (check api_user/api_secret and the org id)" : "";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
