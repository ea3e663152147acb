package ${package};

import com.fasterxml.jackson.core.JsonPointer;
import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.JsonPointers;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollHealth;
import dev.herald.api.source.RecordIsolation;
import dev.herald.api.source.SourceHealth;
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpSender;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One poll of the feed: pages of records after the committed checkpoint, each page committed to the
 * journal with the id of its last record as the next checkpoint.
 *
 * <p>The feed's contract (change it to your service's API): {@code GET <url>?limit=<page_size>}, then
 * {@code GET <url>?after=<id>&limit=<page_size>}, answers JSON Lines, oldest first, at most
 * {@code limit} records, each a JSON object with a unique {@code id} (Herald's event id and the
 * cursor), {@code type}, {@code time} and {@code severity}. Records of a kind Herald knows (PCE,
 * CloudTrail, ASFF, OCSF, …) are recognised as that kind. A line that is not JSON is quarantined.
 */
final class ${sourceClass}Poller {
    /** Where the feed's records keep their id, type, time and severity. */
    private static final JsonPointers FIELDS = new JsonPointers(JsonPointer.compile("/id"),
            JsonPointer.compile("/type"), JsonPointer.compile("/time"), JsonPointer.compile("/severity"));

    /** What the poller reads, checked by the component. */
    record Feed(URI url, String token, int pageSize, Duration pollInterval) {
    }

    private final String name;
    private final Feed feed;
    private final HttpSender http;
    private final Journal journal;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final SourceHealth health;
    private final RecordIsolation isolation;
    /**
     * The feed's records are its own JSON, read through FIELDS; no vendor record kind applies. A feed of
     * records another plugin knows (CloudTrail, PCE, ...) would reference core's RecordKinds service and
     * read through kinds.recognizer(FIELDS) instead (docs/plugins.md, Record kinds).
     */
    private final RecordRecognizer recognizer = new RecordRecognizer(RecordKinds.of(), FIELDS);

    ${sourceClass}Poller(String name, Feed feed, HttpSender http, Journal journal, Clock clock, BooleanSupplier stopping) {
        this.name = name;
        this.feed = feed;
        this.http = http;
        this.journal = journal;
        this.clock = clock;
        this.stopping = stopping;
        this.health = new SourceHealth(name, journal, feed.pollInterval());
        this.isolation = new RecordIsolation(name, journal);
    }

    /** Reads every page there is; returns the wait before the next poll. */
    Duration poll() throws InterruptedException {
        PollHealth api = health.health();
        Duration wait = feed.pollInterval();
        try {
            readPages();
            api.readAgain();
        } catch (HttpFailure e) {
            boolean refused = e.status().isPresent() && (e.status().getAsInt() == 401 || e.status().getAsInt() == 403);
            wait = refused ? api.refused(e.getMessage() + "; check the token", clock.instant())
                    : api.failed(e.getMessage(), e.retryAfter(), clock.instant());
        } catch (IOException e) {
            wait = api.failed("the page from " + feed.url().getHost() + " broke off: " + e.getMessage(), Optional.empty(),
                    clock.instant());
        } catch (JournalException e) {
            health.journalRefused("the records", e);    // nothing more was committed; the next poll asks again
        }
        health.report();                                // journal.problem(name, what is wrong, or null)
        return wait;
    }

    private void readPages() throws HttpFailure, IOException, JournalException, InterruptedException {
        while (!stopping.getAsBoolean()) {
            Optional<String> after = journal.checkpoint(name).map(Checkpoint::position);
            Page page = page(after);
            if (page.lastId().isEmpty()) {
                return;    // nothing new, or only records without an id to resume after: ask again next poll
            }
            journal.append(name, page.events(), Checkpoint.of(page.lastId().get()));
            if (page.records() < feed.pageSize()) {
                return;
            }
        }
    }

    private Page page(Optional<String> after) throws HttpFailure, IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(after)).GET().header("Accept", "application/x-ndjson");
        if (!feed.token().isBlank()) {
            request.header("Authorization", "Bearer " + feed.token().trim());
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        // A record's location counts from the id before it, not from the page's start, so that a record
        // read again on the next page (after a malformed one) has the same location and fallback id.
        String lastId = after.orElse(null);
        int sinceLastId = 0;
        int records = 0;
        try (RecordReader reader = RecordReader.open(response.body())) {
            RecordEntry next;
            while ((next = reader.next()) != null) {
                RecordEntry entry = next;
                records++;
                sinceLastId++;
                String location = (lastId == null ? "from the start" : "after id " + lastId) + ", record " + sinceLastId;
                events.addAll(isolation.events(location, entry.text(),
                        () -> recognizer.events(entry, name, name + ":" + location)));
                if (entry instanceof RecordEntry.Parsed parsed && parsed.json().path("id").isTextual()) {
                    lastId = parsed.json().path("id").asText();
                    sinceLastId = 0;
                }
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        return new Page(events, Optional.ofNullable(lastId).filter(id -> !after.equals(Optional.of(id))), records);
    }

    private URI uri(Optional<String> after) {
        String query = "limit=" + feed.pageSize()
                + after.map(id -> "&after=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
        return URI.create(feed.url() + (feed.url().getRawQuery() == null ? "?" : "&") + query);
    }

    /** One page: its events, the id to resume after, how many records it held. */
    private record Page(List<Event> events, Optional<String> lastId, int records) {
    }
}
