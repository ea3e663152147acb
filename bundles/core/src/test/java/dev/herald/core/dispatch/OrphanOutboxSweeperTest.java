package dev.herald.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.admin.DeliveryView;
import dev.herald.core.Await;
import dev.herald.core.CoreSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.DeadLetter;
import dev.herald.core.store.EventCodec;
import dev.herald.core.store.MvStore;
import dev.herald.core.template.Escape;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox entries whose sink is not there (renamed, deleted, never installed) age into the dead-letter store. */
class OrphanOutboxSweeperTest {
    @TempDir
    Path dir;
    MvStore store;
    Dispatcher dispatcher;
    OrphanOutboxSweeper sweeper;
    CoreSettings settings;
    /** The routes: none, as after every route was deleted. */
    final RouteTable routes = RouteTable.empty();

    @BeforeEach
    void open() {
        settings = TestSettings.defaults(dir);
        store = MvStore.open(settings);
        dispatcher = new Dispatcher(settings, store, new Bodies(() -> routes, new TemplateRenderer(dir.resolve("templates"))));
        sweeper = new OrphanOutboxSweeper(settings, store, dispatcher);
    }

    @AfterEach
    void close() {
        dispatcher.deactivate();
        store.close();
    }

    private void enqueue(String sink, String id, long at) {
        byte[] event = EventCodec.encode(TestEvents.event(id, "json", "t", "{}"));
        store.write(false, tx -> tx.enqueue(sink, "deleted-route", Severity.HIGH, tx.appendEvent(at, List.of(), event), at));
    }

    @Test
    void entriesForASinkThatDoesNotExistAreDeadLetteredOnceTooOld() {
        long now = System.currentTimeMillis();
        long maxAge = settings.maxAge().toMillis();
        enqueue("renamed", "old", now - maxAge - Duration.ofMinutes(1).toMillis());
        enqueue("renamed", "young", now - maxAge + Duration.ofMinutes(1).toMillis());

        assertEquals(1, sweeper.sweep(now));

        List<DeadLetter> dead = store.read(v -> v.deadLetters("renamed", 0, 10));
        assertEquals(1, dead.size());
        assertEquals("old", dead.get(0).entry().decodeEvent().id());
        assertTrue(dead.get(0).reason().startsWith("no sink named 'renamed' is configured and running"),
                dead.get(0).reason());
        assertTrue(dead.get(0).reason().contains("delivery_max_age_minutes (1440)"), dead.get(0).reason());
        assertEquals(1L, (long) store.read(v -> v.pending("renamed")), "the young entry still waits");
        assertEquals(1, store.read(v -> v.counters(Counter.Scope.SINK, "renamed")).deadLettered());
        DeliveryView last = store.read(v -> v.history(1)).get(0);
        assertEquals("dead", last.outcome());
        assertEquals("renamed", last.sink());

        assertEquals(0, sweeper.sweep(now), "nothing more is old enough");
        assertEquals(1, sweeper.sweep(now + Duration.ofMinutes(2).toMillis()), "the young one ages out in turn");
        assertEquals(0L, (long) store.read(v -> v.pending("renamed")));
    }

    @Test
    void entriesOfASinkThatIsThereAreLeftToItsWorker() {
        long now = System.currentTimeMillis();
        enqueue("slack", "old", now - settings.maxAge().toMillis() - 1);
        dispatcher.addSink(new SinkHandle("slack", "slack", Escape.JSON, null, 0, n -> { }, null, "slack"));

        assertEquals(0, sweeper.sweep(now));
        assertEquals(1L, (long) store.read(v -> v.pending("slack")));
    }

    @Test
    void entriesOfADeletedRouteAreStillDeliveredByTheirSink() {
        List<Notification> received = new CopyOnWriteArrayList<>();
        enqueue("slack", "e1", System.currentTimeMillis());
        dispatcher.activate();
        dispatcher.addSink(new SinkHandle("slack", "slack", Escape.JSON, null, 0, received::add, null, "slack"));

        Await.until("the entry of the deleted route is delivered", () -> received.size() == 1);
        assertEquals("deleted-route", received.get(0).route());
        Await.until("the outbox is empty", () -> store.read(v -> v.pending("slack")) == 0);
    }
}
