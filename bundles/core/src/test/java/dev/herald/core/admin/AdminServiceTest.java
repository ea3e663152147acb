package dev.herald.core.admin;

import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Checkpoint;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Sink;
import dev.herald.api.record.RecordException;
import dev.herald.api.source.QuarantineRetry;
import dev.herald.api.admin.OutboxView;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.ApiMismatch;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SendResult;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import dev.herald.core.TestSettings;
import dev.herald.core.TestEvents;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.SinkHandle;
import dev.herald.core.journal.JournalService;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.Counter;
import dev.herald.core.store.MvStore;
import dev.herald.core.template.Escape;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServiceTest {
    @TempDir
    Path dir;
    MvStore store;
    final SourceProblems problems = new SourceProblems();
    RouteTable table;
    Dispatcher dispatcher;
    JournalService journal;
    AdminService admin;
    final List<PluginInstance> sources = new ArrayList<>();
    final List<PluginInstance> sinks = new ArrayList<>();
    final List<ApiMismatch> mismatches = new ArrayList<>();
    final List<Notification> slackReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = MvStore.open(TestSettings.defaults(dir));
        Map<String, Object> ct = route("ct-to-slack", "{\"source\":[\"cloudtrail\"]}", "slack", "pager");
        ct.put("severity", "high");
        table = routes(ct, route("broken", "{\"source\": [\"x\"", "slack"),
                route("bad-op", "{\"source\":[{\"nope\":1}]}", "slack"));
        dispatcher = new Dispatcher(TestSettings.defaults(dir), store,
                new Bodies(() -> table, new TemplateRenderer(dir.resolve("templates"))));
        dispatcher.activate();
        journal = new JournalService(store, () -> table, problems);
        admin = new AdminService(store, () -> table, dispatcher,
                prefix -> prefix.equals(PluginConfigs.SOURCE_PREFIX) ? sources : sinks, problems, () -> mismatches, journal);
        sinks.add(new PluginInstance("slack", "dev.herald.sink.slack~a", "slack", PluginState.ACTIVE, null,
                SecretMasker.mask(Map.of("name", "slack", "token", "xoxb-secret", "channel", "#sec"), java.util.Set.of())));
        sinks.add(new PluginInstance("webhook", "dev.herald.sink.webhook~b", "hook", PluginState.FAILED,
                "url is missing: set url to the endpoint", Map.of("name", "hook")));
        sources.add(new PluginInstance("file", "dev.herald.source.file~c", "logs", PluginState.ACTIVE, null,
                Map.of("name", "logs")));
    }

    @AfterEach
    void tearDown() {
        dispatcher.deactivate();
        store.close();
    }

    private void startSlack(Sink sink) {
        dispatcher.addSink(new SinkHandle("slack", "slack", Escape.JSON, null, 0, sink, null, "slack"));
    }

    private static Event ct(String id) {
        return TestEvents.event(id, "cloudtrail", "CreateUser", "{\"user\":\"ann\",\"note\":\"say \\\"hi\\\"\"}");
    }

    @Test
    void overviewListsEveryProblem() throws Exception {
        startSlack(n -> { });
        journal.append("logs", List.of(ct("e1")), Checkpoint.of("1"));
        Overview o = admin.overview();
        assertEquals(store.location(), o.store());
        assertEquals(1, o.totals().received());
        List<String> subjects = o.problems().stream().map(Problem::subject).toList();
        assertTrue(subjects.contains("route broken"), subjects.toString());
        assertTrue(subjects.contains("route bad-op"), subjects.toString());
        assertTrue(o.problems().stream().anyMatch(p -> p.subject().equals("route ct-to-slack")
                && p.message().contains("sink 'pager' does not exist")), o.problems().toString());
        assertTrue(o.problems().contains(new Problem("sink webhook/hook", "url is missing: set url to the endpoint")));
        assertFalse(subjects.contains("source file/logs"));
        assertFalse(subjects.contains("source logs"));
    }

    @Test
    void aPluginBuiltForAnotherApiIsAProblemNamingWhatItNeedsAndWhatHeraldHas() {
        mismatches.add(new ApiMismatch("dev.herald.sink.future 2.0.0", "dev.herald.api", "[2.0.0,3.0.0)", "1.1.0"));
        assertTrue(admin.overview().problems().contains(new Problem("plugin dev.herald.sink.future 2.0.0",
                "plugin dev.herald.sink.future 2.0.0 is built for Herald API dev.herald.api [2.0.0,3.0.0), but this"
                        + " Herald provides dev.herald.api 1.1.0: install a version of the plugin built for this"
                        + " Herald's API, or upgrade Herald")), admin.overview().problems().toString());
    }

    @Test
    void aStoreReplacedAtStartIsAProblemInTheOverview() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("herald.mv.db"), "not a store\n".repeat(500));
        try (MvStore replaced = MvStore.open(TestSettings.defaults(other))) {
            AdminService onReplaced = new AdminService(replaced, () -> table, dispatcher, prefix -> List.of(), problems, List::of, journal);

            List<Problem> found = onReplaced.overview().problems().stream()
                    .filter(p -> p.subject().equals("store")).toList();

            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).message().startsWith("the store " + replaced.location() + " was corrupt"),
                    found.get(0).message());
            assertTrue(found.get(0).message().contains("were not recovered"), found.get(0).message());
        }
        assertTrue(admin.overview().problems().stream().noneMatch(p -> p.subject().equals("store")),
                "a healthy store is no problem");
    }

    @Test
    void outboxesListWaitingEntriesPerSinkAndPurgeEmptiesOneSinks() throws Exception {
        long before = System.currentTimeMillis();
        journal.append("logs", List.of(ct("e1"), ct("e2")), null);
        long after = System.currentTimeMillis();

        List<OutboxView> waiting = admin.outboxes();
        assertEquals(List.of("pager", "slack"), waiting.stream().map(OutboxView::sink).toList());
        assertEquals(2, waiting.get(0).waiting());
        long oldest = waiting.get(0).oldest().toEpochMilli();
        assertTrue(oldest >= before && oldest <= after, waiting.toString());

        assertEquals(2, admin.purgeOutbox("pager"));

        assertEquals(List.of("slack"), admin.outboxes().stream().map(OutboxView::sink).toList());
        assertEquals(0, admin.purgeOutbox("pager"), "nothing left to purge");
        assertEquals(0, admin.overview().deadLetters(), "purged entries are not dead-lettered");
    }

    @Test
    void sinksShowHowManyDeadLettersWereDropped() {
        store.write(false, tx -> {
            for (int i = 0; i <= TestSettings.defaults(dir).deadLetterMaxPerSink(); i++) {
                long key = tx.appendEvent(1, List.of(), new byte[0]);
                tx.addDeadLetter(tx.enqueue("slack", "r", dev.herald.api.Severity.HIGH, key, 1), "no", 2);
            }
            return null;
        });
        SinkView slack = admin.sinks().stream().filter(s -> s.name().equals("slack")).findFirst().orElseThrow();
        assertEquals(1, slack.deadLettersDropped());
        assertEquals(TestSettings.defaults(dir).deadLetterMaxPerSink(), slack.deadLetters());
    }

    @Test
    void aReportedSourceProblemShowsUntilCleared() throws Exception {
        journal.problem("logs", "S3 answered HTTP 403 AccessDenied: grant s3:ListBucket");
        assertTrue(admin.overview().problems().contains(new Problem("source logs", "S3 answered HTTP 403 AccessDenied: grant s3:ListBucket")));
        assertEquals("S3 answered HTTP 403 AccessDenied: grant s3:ListBucket",
                admin.sources().stream().filter(s -> s.instance().equals("logs")).findFirst().orElseThrow().error());
        journal.problem("logs", null);
        assertTrue(admin.overview().problems().stream().noneMatch(p -> p.subject().equals("source logs")));
        assertEquals(null, admin.sources().stream().filter(s -> s.instance().equals("logs")).findFirst().orElseThrow().error());
    }

    @Test
    void routesShowErrorsAndCounters() throws Exception {
        journal.append("logs", List.of(ct("e1")), null);
        Map<String, RouteView> byName = new java.util.HashMap<>();
        admin.routes().forEach(r -> byName.put(r.name(), r));
        assertTrue(byName.get("broken").error().startsWith("pattern is not valid JSON"), byName.get("broken").error());
        assertTrue(byName.get("bad-op").error().startsWith("pattern is not a valid event pattern"));
        assertNull(byName.get("ct-to-slack").error());
        assertEquals("high", byName.get("ct-to-slack").severity());
        assertEquals(1, byName.get("ct-to-slack").counters().routed());
    }

    @Test
    void sinksCombineConfigurationLiveServicesAndStore() throws Exception {
        journal.append("logs", List.of(ct("e1")), null);
        startSlack(n -> { });
        Map<String, SinkView> byName = new java.util.HashMap<>();
        admin.sinks().forEach(s -> byName.put(s.name(), s));
        assertEquals("active", byName.get("slack").state());
        assertEquals("****", byName.get("slack").settings().get("token"));
        assertEquals("#sec", byName.get("slack").settings().get("channel"));
        assertEquals("failed", byName.get("hook").state());
        assertEquals("url is missing: set url to the endpoint", byName.get("hook").error());
        assertEquals("absent", byName.get("pager").state());
        assertEquals(1, byName.get("pager").pending(), "entries for an absent sink wait");
    }

    @Test
    void sourcesCombineConfigurationAndStore() throws Exception {
        journal.append("logs", List.of(ct("e1")), new Checkpoint("a.log", "10"));
        journal.append("old-source", List.of(), Checkpoint.of("x"));
        Map<String, SourceView> byName = new java.util.HashMap<>();
        admin.sources().forEach(s -> byName.put(s.instance(), s));
        assertEquals("active", byName.get("logs").state());
        assertEquals(1, byName.get("logs").streams());
        assertEquals(1, byName.get("logs").counters().received());
        assertTrue(byName.get("logs").lastAppend() != null);
        assertEquals("?", byName.get("old-source").kind());
        assertEquals("inactive", byName.get("old-source").state());
    }

    @Test
    void routeTestRendersAndStoresNothing() {
        startSlack(n -> { });
        List<RouteMatch> matches = admin.routeTest(ct("t1"));
        assertEquals(1, matches.size());
        RouteMatch m = matches.get(0);
        assertEquals("high", m.severity());
        assertEquals("slack", m.bodies().get(0).sink());
        assertEquals("CreateUser", TestEvents.json(m.bodies().get(0).body()).get("type").asText());
        assertEquals("sink pager is not running", m.bodies().get(1).error());
        assertTrue(admin.events(null, 10).isEmpty());
        assertEquals(0, admin.overview().pending());
    }

    @Test
    void sendTestUsesTheBuiltInEventAndReportsTheOutcome() {
        startSlack(slackReceived::add);
        SendResult ok = admin.sendTest("slack", null);
        assertTrue(ok.delivered(), ok.message());
        assertNull(ok.message(), "a sink that accepts says nothing more, so send-test prints no second 'delivered'");
        assertEquals("herald.test", slackReceived.get(0).event().type());
        assertEquals("json", slackReceived.get(0).event().source());
        assertEquals("herald.test", TestEvents.json(ok.body()).get("type").asText());

        dispatcher.removeSink("slack");
        startSlack(n -> {
            throw DeliveryException.permanent("invalid_auth");
        });
        SendResult bad = admin.sendTest("slack", null);
        assertFalse(bad.delivered());
        assertFalse(bad.retryable());
        assertEquals("invalid_auth", bad.message());
        assertFalse(admin.sendTest("nope", null).delivered());
    }

    @Test
    void replaysGoThroughCoresReplayServiceAndAreRefusedWithoutOne() throws Exception {
        journal.append("logs", List.of(ct("e1")), null);
        dev.herald.api.admin.ReplayRequest request = new dev.herald.api.admin.ReplayRequest(
                java.time.Instant.now().minusSeconds(600), null, null, null, null, "ct-to-slack", List.of("slack"), true);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> admin.replay(request));

        admin.replays = new dev.herald.core.replay.ReplayService(store, () -> table, name -> true,
                TestSettings.defaults(dir), java.time.Clock.systemUTC(), () -> "r1");
        dev.herald.api.admin.ReplayResult r = admin.replay(request);
        assertEquals(1, r.matched());
        assertEquals("r1", r.replay());
        long pending = store.read(v -> v.pending("slack"));
        assertEquals(2, pending, "the original entry and the replayed one");
    }

    @Test
    void eventsAreSearchable() throws Exception {
        journal.append("logs", List.of(ct("e1"), TestEvents.event("e2", "json", "Login", "{\"u\":\"bob\"}")), null);
        assertEquals(List.of("e2", "e1"), admin.events("", 10).stream().map(v -> v.event().id()).toList());
        assertEquals(List.of("e2"), admin.events("BOB", 10).stream().map(v -> v.event().id()).toList());
        assertEquals(List.of("ct-to-slack"), admin.event("e1").orElseThrow().routes());
        assertTrue(admin.event("none").isEmpty());
    }

    @Test
    void deadLettersCanBeListedRetriedAndPurged() throws Exception {
        startSlack(n -> {
            throw DeliveryException.permanent("channel_not_found");
        });
        journal.append("logs", List.of(ct("e1"), ct("e2"), ct("e3")), null);
        dev.herald.core.Await.until("dead", () -> store.read(v -> v.counters(Counter.Scope.SINK, "slack")).deadLettered() == 3);
        var dead = admin.deadLetters("slack", 10);
        assertEquals("channel_not_found", dead.get(0).reason());
        assertEquals("e1", dead.get(0).eventId());
        assertEquals("CreateUser", dead.get(0).eventType());
        assertEquals(1, dead.get(0).attempts());

        assertEquals(1, admin.purgeDeadLetters("slack", List.of(dead.get(2).id())));
        dispatcher.removeSink("slack");
        assertEquals(2, admin.retryDeadLetters(null, null));
        assertTrue(admin.deadLetters(null, 10).isEmpty());
        assertEquals(2, store.read(v -> v.pending("slack")).intValue());
    }

    @Test
    void checkpointsCanBeReset() throws Exception {
        journal.append("bucket", List.of(), new Checkpoint("a", "1"));
        journal.append("bucket", List.of(), new Checkpoint("b", "2"));
        assertEquals(Map.of("a", "1", "b", "2"), admin.checkpoints("bucket"));
        assertEquals(1, admin.resetCheckpoint("bucket", "a"));
        assertEquals(1, admin.resetCheckpoint("bucket", null));
        assertTrue(admin.checkpoints("bucket").isEmpty());
    }

    @Test
    void quarantineAndHistory() {
        journal.quarantine("logs", "a.log:3", "not JSON", "{oops");
        assertEquals("{oops", admin.quarantine("logs", 10).get(0).content());
        assertTrue(admin.quarantine("other", 10).isEmpty());
        assertEquals(1, admin.overview().quarantined());
        assertTrue(admin.history(10).isEmpty());
    }

    @Test
    void quarantinedRecordsArePurgedByIdBySourceOrAll() {
        journal.quarantine("logs", "a.log:1", "not JSON", "{a");
        journal.quarantine("logs", "a.log:2", "not JSON", "{b");
        journal.quarantine("logs", "a.log:3", "not JSON", "{c");
        journal.quarantine("bucket", "b/k:1", "not JSON", "{d");
        journal.quarantine("bucket", "b/k:2", "not JSON", "{e");
        long second = admin.quarantine("logs", 10).get(1).id();

        assertEquals(1, admin.purgeQuarantine(null, List.of(second)));
        assertEquals(List.of("a.log:3", "a.log:1"), admin.quarantine("logs", 10).stream().map(q -> q.location()).toList());
        assertEquals(0, admin.purgeQuarantine("bucket", List.of(second)), "an id of another source is not this source's");
        assertEquals(2, admin.purgeQuarantine("logs", null));
        assertTrue(admin.quarantine("logs", 10).isEmpty());
        assertEquals(2, admin.quarantine("bucket", 10).size(), "other sources' records are kept");
        assertEquals(2, admin.purgeQuarantine(null, List.of()));
        assertEquals(0, admin.overview().quarantined());
    }

    /**
     * A source's retry as a file source's works: a record converts when it is JSON with an "id"
     * (the instance's current rule), else it throws the new reason.
     */
    private static final QuarantineRetry NEEDS_ID = (location, content) -> {
        if (!content.contains("\"id\"")) {
            throw new RecordException("still no id at " + location);
        }
        String id = TestEvents.json(content).path("id").asText();
        return List.of(TestEvents.event(id, "json", "t", content));
    };

    private List<String> outcomes(List<QuarantineRetryResult> results) {
        return results.stream().map(r -> r.location() + " " + r.outcome() + " " + r.events() + "/" + r.fresh()).toList();
    }

    @Test
    void retriedRecordsThatConvertNowGoIntoTheJournalAndLeaveTheQuarantine() throws Exception {
        admin.bindRetry(NEEDS_ID, Map.of(QuarantineRetry.INSTANCE, "logs"));
        journal.append("logs", List.of(TestEvents.event("seen", "json", "t", "{}")), null);
        journal.quarantine("logs", "a.log:1", "no id", "{\"id\":\"new\"}", true);
        journal.quarantine("logs", "a.log:2", "no id", "{\"id\":\"seen\"}", true);
        journal.quarantine("logs", "a.log:3", "no id", "{\"name\":\"x\"}", true);
        journal.quarantine("bucket", "b/k:1", "no id", "{\"id\":\"other\"}", true);

        List<QuarantineRetryResult> results = admin.retryQuarantine("logs", null);

        assertEquals(List.of("a.log:1 CONVERTED 1/1", "a.log:2 CONVERTED 1/0", "a.log:3 STILL_UNREADABLE 0/0"),
                outcomes(results), "oldest first; a duplicate is dropped as usual");
        assertTrue(admin.event("new").isPresent(), "the converted record is an event in the journal");
        List<QuarantineView> left = admin.quarantine(null, 10);
        assertEquals(List.of("b/k:1", "a.log:3"), left.stream().map(QuarantineView::location).toList());
        assertEquals("still no id at a.log:3", left.get(1).reason(), "it stays with the new reason");
        assertEquals("still no id at a.log:3", results.get(2).detail());
    }

    @Test
    void retryByIdTouchesOnlyThoseAndSaysWhichAreGone() throws Exception {
        admin.bindRetry(NEEDS_ID, Map.of(QuarantineRetry.INSTANCE, "logs"));
        journal.quarantine("logs", "a.log:1", "no id", "{\"id\":\"1\"}", true);
        journal.quarantine("logs", "a.log:2", "no id", "{\"id\":\"2\"}", true);
        long first = admin.quarantine("logs", 10).get(1).id();

        List<QuarantineRetryResult> results = admin.retryQuarantine(null, List.of(first, 999_999L));

        assertEquals(List.of("a.log:1 CONVERTED 1/1", " REFUSED 0/0"), outcomes(results));
        assertTrue(results.get(1).detail().contains("no quarantined record 999999"), results.get(1).detail());
        assertEquals(List.of("a.log:2"), admin.quarantine("logs", 10).stream().map(QuarantineView::location).toList());
    }

    @Test
    void truncatedRecordsAndSourcesThatCannotRetryAreRefusedAndKept() {
        admin.bindRetry(NEEDS_ID, Map.of(QuarantineRetry.INSTANCE, "logs"));
        journal.quarantine("logs", "a.log:1", "too large", "{\"id\":\"1\", \"pad\":\"", false);
        journal.quarantine("logs", "a.log:2", "no id", "{\"id\":\"2\",\"pad\":\"" + "x".repeat(70_000) + "\"}", true);
        journal.quarantine("bucket", "b/k:1", "no id", "{\"id\":\"3\"}", true);

        List<QuarantineRetryResult> results = admin.retryQuarantine(null, null);

        assertEquals(List.of("a.log:1 REFUSED 0/0", "a.log:2 REFUSED 0/0", "b/k:1 REFUSED 0/0"), outcomes(results));
        assertTrue(results.get(0).detail().startsWith("only part of this record was kept"), results.get(0).detail());
        assertTrue(results.get(1).detail().startsWith("only part of this record was kept"),
                "cut to fit the quarantine: " + results.get(1).detail());
        assertTrue(results.get(2).detail().startsWith("source bucket cannot retry quarantined records"),
                results.get(2).detail());
        assertEquals(3, admin.overview().quarantined(), "all kept");
        assertEquals(List.of(false, true, true), admin.quarantine(null, 10).stream().map(QuarantineView::truncated)
                .toList(), "newest first");

        journal.quarantine("logs", "link.jsonl", "a symbolic link", "");
        QuarantineRetryResult empty = admin.retryQuarantine("logs", null).get(2);
        assertTrue(empty.outcome() == QuarantineRetryResult.Outcome.REFUSED
                && empty.detail().startsWith("nothing of this record was kept (a symbolic link)"), empty.detail());
        admin.purgeQuarantine(null, List.of(empty.id()));

        admin.unbindRetry(NEEDS_ID, Map.of(QuarantineRetry.INSTANCE, "logs"));
        journal.quarantine("logs", "a.log:4", "no id", "{\"id\":\"4\"}", true);
        assertEquals(QuarantineRetryResult.Outcome.REFUSED, admin.retryQuarantine("logs", null).get(2).outcome(),
                "a source gone is refused");
    }
}
