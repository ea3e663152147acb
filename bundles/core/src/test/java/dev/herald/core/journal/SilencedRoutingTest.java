package dev.herald.core.journal;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.core.MutableClock;
import dev.herald.core.TestSettings;
import dev.herald.core.admin.SourceProblems;
import dev.herald.core.route.RouteTable;
import dev.herald.core.silence.SilenceService;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import dev.herald.core.store.OutboxEntry;
import dev.herald.core.store.Silence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silences hold back the notifications of matching events while they last, counted per route and
 * sink; journal, store and silences are the real ones, time is a clock the test moves.
 */
class SilencedRoutingTest {
    private static final Set<String> SINKS = Set.of("slack", "mail");
    /** Matches on a field no route refers to: the silence's own fields must be matched on. */
    private static final String ROOT = "{\"detail\":{\"user\":[\"root\"]}}";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final RouteTable table = routes(route("logins", "{\"type\":[\"ConsoleLogin\"]}", "slack", "mail"),
            route("iam", "{\"type\":[\"CreateUser\"]}", "slack"));
    MvStore store;
    SilenceService silences;
    JournalService journal;

    @BeforeEach
    void open() {
        start();
    }

    private void start() {
        store = MvStore.open(TestSettings.defaults(dir));
        silences = new SilenceService(store, clock);
        journal = new JournalService(store, () -> table, new SourceProblems(), clock);
        journal.silences = silences;
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Event login(String id, String user) {
        return event(id, "cloudtrail", "ConsoleLogin", "{\"user\":\"" + user + "\"}");
    }

    private Silence silence(String pattern, Duration lasting, String... sinks) {
        return silences.add(new SilenceRequest(pattern, List.of(sinks), lasting, "CHG-1 maintenance", "ann"), SINKS);
    }

    private List<String> queued(String sink) {
        return store.read(v -> v.due(sink, Long.MAX_VALUE, 100)).stream()
                .map(e -> store.read(v -> v.event(e.eventKey())).orElseThrow().decodeEvent().id()).toList();
    }

    private Counters counters(Counter.Scope scope, String name) {
        return store.read(v -> v.counters(scope, name));
    }

    @Test
    void aMatchingEventIsCountedAsSilencedPerRouteAndSinkAndNotQueued() throws Exception {
        silence(ROOT, Duration.ofHours(2));

        journal.append("trail", List.of(login("1", "root"), login("2", "ann")), null);

        assertEquals(List.of("2"), queued("slack"));
        assertEquals(List.of("2"), queued("mail"));
        assertEquals(2, counters(Counter.Scope.ROUTE, "logins").silenced(), "one per sink notification held back");
        assertEquals(2, counters(Counter.Scope.ROUTE, "logins").routed(), "matching still counts as routed");
        assertEquals(1, counters(Counter.Scope.SINK, "slack").silenced());
        assertEquals(1, counters(Counter.Scope.SINK, "mail").silenced());
        assertTrue(store.read(v -> v.recent(r -> r.decodeEvent().id().equals("1"), 1)).size() == 1,
                "the silenced event stays in the log, for a replay");
    }

    /**
     * A silence added while a batch is being filled (its events prepared without their trees, no
     * silence lasting then) holds back that batch's matching events too: the commit reads them again.
     */
    @Test
    void aSilenceAddedWhileABatchIsFilledHoldsBackItsEvents() throws Exception {
        Journal.Batch batch = journal.batch("trail");
        batch.add(login("1", "root"));
        batch.add(login("2", "ann"));
        silence(ROOT, Duration.ofHours(2));
        batch.startAppend(null).await();

        assertEquals(List.of("2"), queued("slack"));
        assertEquals(List.of("2"), queued("mail"));
        assertEquals(2, counters(Counter.Scope.ROUTE, "logins").silenced());
    }

    @Test
    void aSinkScopedSilenceHoldsBackOnlyItsSinks() throws Exception {
        silence("{\"type\":[\"ConsoleLogin\"]}", Duration.ofHours(1), "slack");

        journal.append("trail", List.of(login("1", "ann"), event("2", "cloudtrail", "CreateUser", "{}")), null);

        assertEquals(List.of("2"), queued("slack"), "the CreateUser is not silenced");
        assertEquals(List.of("1"), queued("mail"));
        assertEquals(1, counters(Counter.Scope.SINK, "slack").silenced());
        assertEquals(0, counters(Counter.Scope.SINK, "mail").silenced());
        assertEquals(1, counters(Counter.Scope.ROUTE, "logins").silenced());
        assertEquals(0, counters(Counter.Scope.ROUTE, "iam").silenced());
    }

    @Test
    void aSilenceEndsAtItsEndAndWhatItHeldBackIsNotSentThen() throws Exception {
        journal.append("trail", List.of(login("0", "root")), null);
        silence(ROOT, Duration.ofHours(2));
        journal.append("trail", List.of(login("1", "root")), null);
        clock.advance(Duration.ofHours(2).minusMillis(1));
        journal.append("trail", List.of(login("2", "root")), null);
        clock.advance(Duration.ofMillis(1));
        journal.append("trail", List.of(login("3", "root")), null);

        assertEquals(List.of("0", "3"), queued("slack"),
                "an entry queued before the silence is sent anyway; 1 and 2 are not sent after it ends");
        assertEquals(2, counters(Counter.Scope.SINK, "slack").silenced());
        assertFalse(silences.activeNow(silences.list().get(0)));
    }

    @Test
    void expiringASilenceEarlyEndsItAtOnceAndKeepsItListed() throws Exception {
        Silence s = silence(ROOT, Duration.ofHours(2));
        clock.advance(Duration.ofMinutes(10));

        Silence expired = silences.expire(s.id(), "bob");
        journal.append("trail", List.of(login("1", "root")), null);

        assertEquals(List.of("1"), queued("slack"));
        assertEquals(clock.millis(), expired.end());
        assertEquals("bob", expired.expiredBy());
        Silence listed = silences.list().get(0);
        assertEquals(expired, listed);
        assertEquals("ann", listed.creator());
        assertEquals("CHG-1 maintenance", listed.comment());
        IllegalArgumentException again = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> silences.expire(s.id(), "bob"));
        assertEquals("silence " + s.id() + " has already ended", again.getMessage());
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> silences.expire(424242, null));
        assertEquals("there is no silence 424242 (herald:silence list shows them)", unknown.getMessage());
    }

    @Test
    void silencesSurviveARestart() throws Exception {
        Silence s = silence(ROOT, Duration.ofHours(2), "mail");
        store.close();
        clock.advance(Duration.ofHours(1));

        start();
        journal.append("trail", List.of(login("1", "root")), null);

        assertEquals(List.of(s), silences.list());
        assertEquals(List.of("1"), queued("slack"));
        assertEquals(List.of(), queued("mail"), "the silence still holds mail back after the restart");
        assertEquals(1, counters(Counter.Scope.SINK, "mail").silenced());
    }

    @Test
    void endedSilencesStayListedForFiveDaysThenArePurged() {
        Silence s = silence(ROOT, Duration.ofHours(1));
        clock.advance(Duration.ofHours(1).plus(SilenceService.KEEP_ENDED).minusMillis(1));
        assertEquals(List.of(s), silences.list(), "ended, still listed");

        clock.advance(Duration.ofMillis(2));
        assertEquals(List.of(), silences.list(), "past the five days it is no longer listed");
        assertEquals(1, store.read(v -> v.silences()).size(), "and deleted at the next change or start");
        store.close();
        start();
        assertEquals(List.of(), store.read(v -> v.silences()));
    }
}
