package dev.herald.core.silence;

import dev.herald.api.admin.SilenceRequest;
import dev.herald.core.route.EventPatterns;
import dev.herald.core.store.Silence;
import dev.herald.core.store.Store;
import dev.herald.core.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, lists and expires silences ({@code herald:silence}), kept in the store so that they
 * survive a restart, and gives the journal the set in force. The set is replaced on the store's
 * writer right after the commit that changed the silences, so every append committed after an
 * {@link #add} is checked against the new silence.
 *
 * <p>Silences that ended stay listed for {@link #KEEP_ENDED} (as Alertmanager keeps them), then
 * are deleted: at start and whenever a silence is added or expired.
 */
@Component(service = {SilenceService.class, Silences.class})
public final class SilenceService implements Silences {
    /** How long an ended silence stays listed. */
    public static final Duration KEEP_ENDED = Duration.ofDays(5);
    private static final Logger LOG = LoggerFactory.getLogger(SilenceService.class);

    private final Store store;
    private final Clock clock;
    private volatile ActiveSilences active = ActiveSilences.none();

    @Activate
    public SilenceService(@Reference Store store) {
        this(store, Clock.systemUTC());
    }

    /** @param clock decides when silences begin and end, and which are purged */
    public SilenceService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        long now = clock.millis();
        try {
            store.write(true, tx -> {
                int purged = tx.purgeSilences(now - KEEP_ENDED.toMillis());
                if (purged > 0) {
                    LOG.info("Deleted {} silences that ended more than {} ago", purged, KEEP_ENDED);
                }
                replaceOnCommit(tx, tx.silences(), now);
                return null;
            });
        } catch (RuntimeException e) {
            // routing must go on: without its silences Herald sends what they would have held back
            LOG.error("Cannot read the stored silences, none is in force until they can be: {}", e.getMessage(), e);
        }
    }

    @Override
    public ActiveSilences active() {
        return active;
    }

    /**
     * Adds a silence that begins now.
     *
     * @param knownSinks the sinks a silence may name (configured, or named by a route)
     * @throws IllegalArgumentException when the request is invalid, saying what to fix
     */
    public Silence add(SilenceRequest request, Set<String> knownSinks) {
        String pattern = request.pattern() == null ? "" : request.pattern().strip();
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("the pattern is missing: give an EventBridge pattern such as"
                    + " {\"source\":[\"cloudtrail\"],\"detail\":{\"eventName\":[\"ConsoleLogin\"]}}");
        }
        EventPatterns.problem(pattern).ifPresent(p -> {
            throw new IllegalArgumentException("the silence's " + p);
        });
        if (request.duration() == null || request.duration().isNegative() || request.duration().isZero()) {
            throw new IllegalArgumentException("say how long the silence lasts: a duration longer than zero,"
                    + " such as 30m, 2h, 1d or PT2H30M");
        }
        String comment = request.comment() == null ? "" : request.comment().strip();
        if (comment.isEmpty()) {
            throw new IllegalArgumentException("a comment is required: say why you silence this (a ticket, a"
                    + " maintenance window), so that whoever sees the silence later knows");
        }
        List<String> unknown = request.sinks().stream().filter(s -> !knownSinks.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + (unknown.size() == 1 ? "sink " : "sinks ")
                    + String.join(", ", unknown) + ": a silence can hold back " + (knownSinks.isEmpty()
                            ? "no sink, none is configured" : "only " + String.join(", ", new TreeSet<>(knownSinks)))
                    + " (herald:sinks lists them)");
        }
        long now = clock.millis();
        long end = now + Math.min(request.duration().toMillis(), Long.MAX_VALUE - now);
        List<String> sinks = List.copyOf(new TreeSet<>(request.sinks()));
        Silence added = store.write(true, tx -> {
            Silence s = tx.addSilence(pattern, sinks, now, end, comment, request.creator());
            tx.purgeSilences(now - KEEP_ENDED.toMillis());
            replaceOnCommit(tx, tx.silences(), now);
            return s;
        });
        LOG.info("Silence {} added by {} until {} for {}: {} ({})", added.id(), orUnknown(request.creator()),
                Instant.ofEpochMilli(end), sinks.isEmpty() ? "every sink" : sinks, pattern, comment);
        return added;
    }

    /**
     * Ends an active silence now.
     *
     * @throws IllegalArgumentException when there is no such silence or it has ended
     */
    public Silence expire(long id, String by) {
        long now = clock.millis();
        Silence expired = store.write(true, tx -> {
            Silence s = tx.silences().stream().filter(x -> x.id() == id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("there is no silence " + id
                            + " (herald:silence list shows them)"));
            if (s.end() <= now) {
                throw new IllegalArgumentException("silence " + id + " has already ended");
            }
            Silence e = s.expire(now, by);
            tx.putSilence(e);
            tx.purgeSilences(now - KEEP_ENDED.toMillis());
            replaceOnCommit(tx, tx.silences(), now);
            return e;
        });
        LOG.info("Silence {} expired by {}", id, orUnknown(by));
        return expired;
    }

    /** The silences in force and those that ended within {@link #KEEP_ENDED}, newest first. */
    public List<Silence> list() {
        long keptFrom = clock.millis() - KEEP_ENDED.toMillis();
        List<Silence> out = new ArrayList<>(store.read(v -> v.silences()));
        out.removeIf(s -> s.end() < keptFrom);
        out.sort(Comparator.comparingLong(Silence::id).reversed());
        return out;
    }

    /** Whether a silence is in force now. */
    public boolean activeNow(Silence s) {
        return s.activeAt(clock.millis());
    }

    private void replaceOnCommit(StoreTransaction tx, List<Silence> stored, long now) {
        ActiveSilences next = ActiveSilences.of(stored, now);
        tx.onCommit(() -> active = next);
    }

    private static String orUnknown(String who) {
        return who == null || who.isBlank() ? "an unknown user" : who;
    }
}
