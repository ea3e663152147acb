package dev.herald.core.admin;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineRetryResult.Outcome;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.record.RecordException;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers quarantined records again to the source instances that quarantined them, through their
 * {@link QuarantineRetry} services. A record that converts goes into the journal like any batch
 * (deduplicated, routed) and is then removed from the quarantine; the two are separate commits,
 * so a crash in between leaves the record quarantined, and retrying it again finds its events
 * already in the journal (dropped as duplicates when the source gives them stable ids).
 */
final class QuarantineRetrier {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRetrier.class);

    private final Store store;
    private final Journal journal;
    private final Function<String, Optional<QuarantineRetry>> retries;

    /** @param retries the retry service of a source instance, by instance name, if it has one */
    QuarantineRetrier(Store store, Journal journal, Function<String, Optional<QuarantineRetry>> retries) {
        this.store = store;
        this.journal = journal;
        this.retries = retries;
    }

    /** See {@link dev.herald.api.admin.HeraldAdmin#retryQuarantine}. */
    List<QuarantineRetryResult> retry(String source, List<Long> ids) {
        List<QuarantineRetryResult> out = new ArrayList<>();
        if (ids != null && !ids.isEmpty()) {
            for (long id : Set.copyOf(ids).stream().sorted().toList()) {
                Optional<QuarantineView> q = store.read(v -> v.quarantined(id))
                        .filter(r -> source == null || source.equals(r.source()));
                out.add(q.map(this::retry).orElseGet(() -> new QuarantineRetryResult(id, source, "", Outcome.REFUSED,
                        0, 0, "no quarantined record " + id + (source == null ? "" : " of source " + source)
                        + " (purged or retried already); list them with herald:quarantine")));
            }
        } else {
            long last = store.read(StoreView::lastId);
            long after = 0;
            while (true) {
                long from = after;
                List<QuarantineView> chunk = store.read(v -> v.quarantineAfter(source, from, AdminService.CHUNK))
                        .stream().filter(q -> q.id() <= last).toList();
                if (chunk.isEmpty()) {
                    break;
                }
                chunk.forEach(q -> out.add(retry(q)));
                after = chunk.get(chunk.size() - 1).id();
            }
        }
        LOG.info("Quarantine retried ({}): {}", source == null ? "all sources" : "source " + source, summary(out));
        return out;
    }

    private QuarantineRetryResult retry(QuarantineView q) {
        if (q.content().isEmpty()) {
            return refused(q, "nothing of this record was kept (" + q.reason() + "), so there is nothing to retry:"
                    + " fix the input at " + q.location() + " and let the source read it again, or purge it");
        }
        if (q.truncated()) {
            return refused(q, "only part of this record was kept when it was quarantined (it was too large, or"
                    + " could not be read as a whole), so it cannot be retried: fix the input at " + q.location()
                    + " and let the source read it again, or purge it");
        }
        Optional<QuarantineRetry> retry = retries.apply(q.source());
        if (retry.isEmpty()) {
            return refused(q, "source " + q.source() + " cannot retry quarantined records (it is not running, or"
                    + " its plugin does not offer retry): start it, or purge the record");
        }
        List<Event> events;
        try {
            events = retry.get().reread(q.location(), q.content());
        } catch (RecordException e) {
            return stillUnreadable(q, e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("Source {} failed on quarantined record {}", q.source(), q.id(), e);
            return stillUnreadable(q, "cannot be turned into an event: " + e);
        }
        int fresh;
        try {
            fresh = journal.append(q.source(), events, null);
        } catch (JournalException e) {
            return refused(q, "the journal did not take its events (" + e.getMessage() + "); it stays quarantined,"
                    + " try again once the store works");
        }
        store.write(true, tx -> tx.removeQuarantine(null, Set.of(q.id()), q.id(), 1));
        return new QuarantineRetryResult(q.id(), q.source(), q.location(), Outcome.CONVERTED, events.size(), fresh, "");
    }

    private QuarantineRetryResult stillUnreadable(QuarantineView q, String reason) {
        String why = reason == null || reason.isBlank() ? "the source gave no reason" : reason;
        store.write(true, tx -> tx.requarantine(q.id(), why));
        return new QuarantineRetryResult(q.id(), q.source(), q.location(), Outcome.STILL_UNREADABLE, 0, 0, why);
    }

    private static QuarantineRetryResult refused(QuarantineView q, String why) {
        return new QuarantineRetryResult(q.id(), q.source(), q.location(), Outcome.REFUSED, 0, 0, why);
    }

    private static String summary(List<QuarantineRetryResult> results) {
        long converted = results.stream().filter(r -> r.outcome() == Outcome.CONVERTED).count();
        long still = results.stream().filter(r -> r.outcome() == Outcome.STILL_UNREADABLE).count();
        return converted + " converted, " + still + " still unreadable, " + (results.size() - converted - still)
                + " refused";
    }
}
