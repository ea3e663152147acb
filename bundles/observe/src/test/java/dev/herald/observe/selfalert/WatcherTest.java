package dev.herald.observe.selfalert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeadLetterView;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.EventView;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.OutboxView;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SendResult;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.api.admin.SilenceView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The self-alert source's memory: one alert per change, none while nothing changes, and an alert
 * the journal could not take is appended at the next look. Herald's state is given by a
 * {@link HeraldAdmin} holding views (core's, with its store, is exercised by ObserveIT).
 */
class WatcherTest {
    final StateAdmin admin = new StateAdmin();
    final RecordingJournal journal = new RecordingJournal();
    final SelfAlertSource.Watcher watcher = new SelfAlertSource.Watcher(admin, journal,
            Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC));

    @Test
    void eachChangeIsAppendedOnceAndAFailedAppendIsRetried() {
        admin.sinkPending = 0;
        watcher.look();
        assertEquals(List.of(), journal.types(), "a healthy start is no news");

        admin.sinkPending = 2;
        admin.history = List.of(new DeliveryView(Instant.EPOCH, "hook", "r", "e1", 1, "retry", "HTTP 503"));
        journal.failNext = true;
        watcher.look();
        assertEquals(List.of(), journal.types(), "the store refused the alert");
        watcher.look();
        assertEquals(List.of("herald.sink.paused"), journal.types(), "appended at the next look");
        watcher.look();
        assertEquals(List.of("herald.sink.paused"), journal.types(), "still paused: nothing new");

        admin.sinkPending = 0;
        admin.history = List.of(new DeliveryView(Instant.EPOCH, "hook", "r", "e1", 2, "delivered", null));
        watcher.look();
        assertEquals(List.of("herald.sink.paused", "herald.sink.recovered"), journal.types());
        assertEquals("herald", journal.instances.get(1));
    }

    @Test
    void aStoreThatCannotBeReadIsCriticalAndItsRecoveryIsTold() {
        watcher.look();
        admin.storeFailure = new IllegalStateException("store is closed");
        watcher.look();
        assertEquals(List.of("herald.store.failing"), journal.types());
        assertEquals("critical", journal.appended.get(0).severity().label());
        watcher.look();
        assertEquals(List.of("herald.store.failing"), journal.types(), "still failing: nothing new");
        admin.storeFailure = null;
        watcher.look();
        assertEquals(List.of("herald.store.failing", "herald.store.recovered"), journal.types(),
                "the sink, healthy all along, is no news");
    }

    /** Herald's state as the admin service would report it: one active sink {@code hook}. */
    static final class StateAdmin implements HeraldAdmin {
        long sinkPending;
        List<DeliveryView> history = List.of();
        /** Thrown by every read while set, as a read of a store that failed would. */
        RuntimeException storeFailure;

        @Override public Overview overview() {
            if (storeFailure != null) {
                throw storeFailure;
            }
            return new Overview("mem", Counters.ZERO, sinkPending, 0, 0, List.of());
        }
        @Override public List<SourceView> sources() { return List.of(); }
        @Override public List<SinkView> sinks() {
            return List.of(new SinkView("hook", "webhook", "active", null, Map.of(), Counters.ZERO, sinkPending, 0, null, null, 0));
        }
        @Override public List<RouteView> routes() { return List.of(); }
        @Override public List<DeliveryView> history(int limit) { return history; }
        @Override public List<RouteMatch> routeTest(Event event) { throw new UnsupportedOperationException(); }
        @Override public SendResult sendTest(String sink, Event event) { throw new UnsupportedOperationException(); }
        @Override public List<EventView> events(String text, int limit) { throw new UnsupportedOperationException(); }
        @Override public Optional<EventView> event(String id) { throw new UnsupportedOperationException(); }
        @Override public List<DeadLetterView> deadLetters(String sink, int limit) { throw new UnsupportedOperationException(); }
        @Override public int retryDeadLetters(String sink, List<Long> ids) { throw new UnsupportedOperationException(); }
        @Override public int purgeDeadLetters(String sink, List<Long> ids) { throw new UnsupportedOperationException(); }
        @Override public List<QuarantineView> quarantine(String source, int limit) { throw new UnsupportedOperationException(); }
        @Override public int purgeQuarantine(String source, List<Long> ids) { throw new UnsupportedOperationException(); }
        @Override public List<QuarantineRetryResult> retryQuarantine(String source, List<Long> ids) {
            throw new UnsupportedOperationException();
        }
        @Override public Map<String, String> checkpoints(String source) { throw new UnsupportedOperationException(); }
        @Override public int resetCheckpoint(String source, String stream) { throw new UnsupportedOperationException(); }
        @Override public List<OutboxView> outboxes() { throw new UnsupportedOperationException(); }
        @Override public long purgeOutbox(String sink) { throw new UnsupportedOperationException(); }
        @Override public ReplayResult replay(ReplayRequest request) { throw new UnsupportedOperationException(); }
        @Override public SilenceView addSilence(SilenceRequest request) { throw new UnsupportedOperationException(); }
        @Override public List<SilenceView> silences() { return List.of(); }
        @Override public SilenceView expireSilence(long id, String by) { throw new UnsupportedOperationException(); }
    }

    /** Keeps what was appended; can refuse one append as a failing store would. */
    static final class RecordingJournal implements Journal {
        final List<Event> appended = new ArrayList<>();
        final List<String> instances = new ArrayList<>();
        boolean failNext;

        List<String> types() {
            return appended.stream().map(Event::type).toList();
        }

        @Override
        public int append(String sourceInstance, List<Event> batch, Checkpoint next) throws JournalException {
            if (failNext) {
                failNext = false;
                throw new JournalException("disk full");
            }
            appended.addAll(batch);
            batch.forEach(e -> instances.add(sourceInstance));
            return batch.size();
        }

        @Override public Optional<Checkpoint> checkpoint(String sourceInstance, String stream) { return Optional.empty(); }
        @Override public Map<String, String> checkpoints(String sourceInstance) { return Map.of(); }
        @Override public void removeCheckpoint(String sourceInstance, String stream) { }
        @Override public void quarantine(String sourceInstance, String location, String reason, String content) { }
    }
}
