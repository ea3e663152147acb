package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.api.Checkpoint;
import dev.herald.api.source.PollHealth;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.MutableClock;
import dev.herald.testkit.journal.MemoryJournal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PcePollerTest {
    private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");

    private final PceEmulator pce = new PceEmulator(1);
    private final MemoryJournal journal = new MemoryJournal();
    private final MutableClock clock = new MutableClock(NOW);
    /** The job polls' waits; they move the clock instead of the thread. */
    private final List<Duration> sleeps = new ArrayList<>();

    @AfterEach
    void stop() {
        pce.close();
    }

    private PcePoller poller(Object... config) {
        return poller(unlimited(), config);
    }

    private PcePoller poller(RequestBudget budget, Object... config) {
        List<Object> all = new ArrayList<>(List.of("pce_url", pce.url()));
        all.addAll(List.of(config));
        PceSettings settings = TestConfig.settings(all.toArray());
        PceClient client = new PceClient(settings,
                HttpClients.standalone().create(HttpSettings.builder("test").build()), budget);
        AsyncCollection async = new AsyncCollection(settings, client, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });
        return new PcePoller(settings, client, async, journal, clock, HeraldKinds.all().recognizer());
    }

    private static RequestBudget unlimited() {
        return new RequestBudget(Integer.MAX_VALUE, Duration.ofMinutes(1), System::nanoTime, d -> { });
    }

    @Test
    void firstRunStartsBackfillHoursAgo() throws Exception {
        pce.add(NOW.minus(Duration.ofHours(30)), "user.sign_in");
        String recent = pce.add(NOW.minus(Duration.ofHours(1)), "user.login_failed");
        String older = pce.add(NOW.minus(Duration.ofHours(5)), "sec_policy.create");

        assertEquals(Duration.ofSeconds(30), poller("backfill_hours", 24).poll());

        assertEquals(List.of(older, recent), journal.ids());
        assertEquals(NOW.minus(Duration.ofHours(1)).toString(), journal.position(TestConfig.NAME));
        assertEquals(NOW.minus(Duration.ofHours(24)).toString(), param(pce.eventRequests().get(0), "timestamp[gte]"));
        assertEquals("10000", param(pce.eventRequests().get(0), "max_results"));
    }

    @Test
    void steadyPollingDeliversNewEventsOnceAndAsksFromTheCheckpointLessTheOverlap() throws Exception {
        PcePoller poller = poller("overlap_seconds", 60);
        String first = pce.add(NOW.minusSeconds(10), "user.sign_in");
        poller.poll();
        clock.advance(Duration.ofSeconds(30));
        String sameSecond = pce.add(NOW.minusSeconds(10), "user.sign_out");
        String later = pce.add(NOW.plusSeconds(20), "rule_set.update");
        poller.poll();
        clock.advance(Duration.ofSeconds(30));
        poller.poll();

        assertEquals(new HashSet<>(List.of(first, sameSecond, later)), new HashSet<>(journal.ids()));
        assertEquals(NOW.plusSeconds(20).toString(), journal.position(TestConfig.NAME));
        URI third = pce.eventRequests().get(2);
        assertEquals(NOW.plusSeconds(20).minusSeconds(60).toString(), param(third, "timestamp[gte]"));
        assertEquals(NOW.plusSeconds(60).toString(), param(third, "timestamp[lte]"));
    }

    @Test
    void aBurstLargerThanMaxResultsIsSplitUntilEverythingIsDelivered() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            all.add(pce.add(NOW.minus(Duration.ofMinutes(30)).plusSeconds(i * 7L), "user.sign_in"));
        }

        poller("max_results", 10, "full_window", "split").poll();

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertTrue(pce.eventRequests().size() > 10, "the window was split: " + pce.eventRequests().size());
        assertEquals(0, pce.asyncRequests());
        assertEquals(NOW.minus(Duration.ofMinutes(30)).plusSeconds(94 * 7L).toString(), journal.position(TestConfig.NAME));
    }

    @Test
    void anOutageAdvancesNothingAndTheRecoveryLosesNothing() throws Exception {
        PcePoller poller = poller();
        String before = pce.add(NOW.minusSeconds(100), "user.sign_in");
        poller.poll();
        String position = journal.position(TestConfig.NAME);
        clock.advance(Duration.ofSeconds(30));
        String during = pce.add(NOW.plusSeconds(10), "agent.tampering");
        pce.fail(500, "{\"error\":\"internal\"}", null);
        pce.fail(503, "{\"error\":\"maintenance\"}", "120");

        assertEquals(Duration.ofSeconds(30), poller.poll(), "first failure: the poll interval");
        assertEquals(Duration.ofSeconds(120), poller.poll(), "Retry-After is honoured");
        assertEquals(position, journal.position(TestConfig.NAME));
        assertEquals(1, journal.appends().size());

        poller.poll();
        assertEquals(List.of(before, during), journal.ids());
        assertEquals(NOW.plusSeconds(10).toString(), journal.position(TestConfig.NAME));
    }

    @Test
    void rateLimitedPollsWaitAsTheServerSays() throws Exception {
        pce.fail(429, "{\"error\":\"too many requests\"}", "17");
        assertEquals(Duration.ofSeconds(17), poller().poll());
        assertNull(journal.position(TestConfig.NAME));
    }

    @Test
    void aRefusedApiKeyIsReportedAndPolledSlowly() throws Exception {
        pce.add(NOW.minusSeconds(10), "user.sign_in");
        assertEquals(PollHealth.REFUSED_RETRY, poller("api_secret", "wrong").poll());
        assertTrue(journal.ids().isEmpty());
        assertNull(journal.position(TestConfig.NAME));
    }

    @Test
    void aMalformedBodyCommitsNothingAndIsAskedAgain() throws Exception {
        String event = pce.add(NOW.minusSeconds(10), "user.sign_in");
        PcePoller poller = poller();
        pce.fail(200, "[{\"href\": \"/orgs/1/events/x\", ", null);
        assertEquals(Duration.ofSeconds(30), poller.poll());
        assertNull(journal.position(TestConfig.NAME));

        poller.poll();
        assertEquals(List.of(event), journal.ids());
    }

    @Test
    void anUnrecognisableEventIsQuarantinedAndTheRestFlows() throws Exception {
        String good = pce.add(NOW.minusSeconds(10), "user.sign_in");
        pce.addRaw(new ObjectMapper().createObjectNode().put("href", "/orgs/1/events/bad").put("event_type", "x"));
        PcePoller poller = poller();
        poller.poll();
        clock.advance(Duration.ofSeconds(30));
        poller.poll();

        assertEquals(List.of(good), journal.ids());
        assertEquals(1, journal.quarantined().size(), "quarantined once per run, not at every poll");
        assertEquals("pce:/orgs/1/events/bad", journal.quarantined().get(0).location());
    }

    @Test
    void hostileRecordsAmongValidOnesAreQuarantinedWithTheirPlaceAndThePollMovesOn() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String before = "/orgs/1/events/before";
        String after = "/orgs/1/events/after";
        ArrayNode page = json.createArrayNode();
        page.addObject().put("href", before).put("event_type", "user.sign_in").put("timestamp", NOW.minusSeconds(30).toString());
        page.addObject().put("href", "/orgs/1/events/hostile").put("event_type", "user.sign_in")
                .put("timestamp", "9999999999999999999");
        page.addObject().put("time", "9999999999999999999");
        page.addObject().put("href", after).put("event_type", "user.sign_out").put("timestamp", NOW.minusSeconds(10).toString());
        pce.fail(200, page.toString(), null); // as the PCE answers, whatever its own filters make of the values
        PcePoller poller = poller();

        assertEquals(Duration.ofSeconds(30), poller.poll());

        assertEquals(List.of(before, after), journal.ids());
        assertEquals(2, journal.quarantined().size());
        MemoryJournal.Quarantined epoch = journal.quarantined().get(0);
        assertEquals("pce:/orgs/1/events/hostile", epoch.location());
        assertTrue(epoch.reason().contains("9999999999999999999"), epoch.reason());
        String window = journal.quarantined().get(1).location();
        assertTrue(window.startsWith("pce:event ") && window.endsWith(" to " + NOW), window);
        assertEquals(NOW.minusSeconds(10).toString(), journal.position(TestConfig.NAME), "the checkpoint moved on");
        assertNull(journal.problem(TestConfig.NAME), "a bad record is not a problem of the source");
    }

    @Test
    void anEventDatedFarInTheFutureDoesNotMoveTheCheckpointPastTheWindowAsked() throws Exception {
        PcePoller poller = poller();
        pce.fail(200, "[{\"href\":\"/orgs/1/events/future\",\"event_type\":\"user.sign_in\","
                + "\"timestamp\":\"9000-01-01T00:00:00Z\"},{\"href\":\"/orgs/1/events/now\","
                + "\"event_type\":\"user.sign_in\",\"timestamp\":\"" + NOW.minusSeconds(5) + "\"}]", null);
        poller.poll();
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME), "at most the end of the window asked");

        clock.advance(Duration.ofSeconds(30));
        String later = pce.add(NOW.plusSeconds(20), "user.sign_out");
        poller.poll();
        assertTrue(journal.ids().contains(later), "the source still reads: " + journal.ids());
    }

    @Test
    void aCheckpointLeftInTheFutureByAnEarlierVersionIsReadFromNowInstead() throws Exception {
        journal.append(TestConfig.NAME, List.of(), Checkpoint.of("+99999-01-01T00:00:00Z"));
        String event = pce.add(NOW.minusSeconds(10), "user.sign_in");

        PcePoller poller = poller("overlap_seconds", 60);
        poller.poll();

        assertEquals(List.of(event), journal.ids());
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME));
        clock.advance(Duration.ofSeconds(30));
        String later = pce.add(NOW.plusSeconds(20), "user.sign_out");
        poller.poll();
        assertEquals(List.of(event, later), journal.ids());
        assertEquals(NOW.plusSeconds(20).toString(), journal.position(TestConfig.NAME));
    }

    @Test
    void aRefusedApiKeyIsShownAsTheSourcesProblemUntilItReadsAgain() throws Exception {
        PcePoller refused = poller("api_secret", "wrong");
        refused.poll();
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem != null && problem.contains("refused the API key (HTTP 401)")
                && problem.contains("api_user/api_secret"), problem);

        poller().poll();
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void anUnreachablePceIsShownAsTheSourcesProblemUntilItReadsAgain() throws Exception {
        String event = pce.add(NOW.minusSeconds(10), "user.sign_in");
        PcePoller poller = poller();
        pce.fail(503, "{\"error\":\"maintenance\"}", null);
        poller.poll();
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem != null && problem.contains("503") && problem.contains("asking again in 30 s"), problem);

        poller.poll();
        assertEquals(List.of(event), journal.ids());
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void aPceNobodyListensOnIsShownAsTheSourcesProblem() throws Exception {
        pce.close();
        poller().poll();
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem != null && problem.contains("asking again in 30 s"), problem);
    }

    @Test
    void aMalformedResponseIsShownAsTheSourcesProblemUntilItReadsAgain() throws Exception {
        pce.add(NOW.minusSeconds(10), "user.sign_in");
        PcePoller poller = poller();
        pce.fail(200, "{\"not\": \"an array\"}", null);
        poller.poll();
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem != null && problem.contains("nothing more was committed"), problem);

        poller.poll();
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void aRefusingJournalAdvancesNothing() throws Exception {
        String event = pce.add(NOW.minusSeconds(10), "user.sign_in");
        PcePoller poller = poller();
        journal.refuseNext(1);
        poller.poll();
        assertNull(journal.position(TestConfig.NAME));
        poller.poll();
        assertEquals(List.of(event), journal.ids());
    }

    @Test
    void serverSideFiltersAreSent() throws Exception {
        poller("event_types", new String[] {"user.login_failed", "agent.tampering"}, "severity", "err",
                "status", "failure", "org_id", 1).poll();
        String query = URLDecoder.decode(pce.eventRequests().get(0).getRawQuery(), StandardCharsets.UTF_8);
        assertTrue(query.contains("event_type=user.login_failed&event_type=agent.tampering"), query);
        assertTrue(query.contains("severity=err") && query.contains("status=failure"), query);
    }

    @Test
    void twoSourcesWithTheSameKeyShareOneBudget() throws Exception {
        for (int i = 0; i < 30; i++) {
            pce.add(NOW.minus(Duration.ofMinutes(10)).plusSeconds(i * 10L), "user.sign_in");
        }
        MutableClock budgetClock = new MutableClock(Instant.EPOCH);
        List<Duration> waits = new ArrayList<>();
        RequestBudget budget = new RequestBudget(4, Duration.ofMinutes(1),
                () -> budgetClock.instant().toEpochMilli() * 1_000_000L, d -> {
                    waits.add(d);
                    budgetClock.advance(d);
                });

        poller(budget, "name", "a", "max_results", 10).poll();
        poller(budget, "name", "b", "max_results", 10).poll();

        int requests = pce.paths().size();
        assertTrue(requests > 4, "the two sources needed more than one minute's budget: " + requests);
        assertTrue(pce.paths().stream().anyMatch(p -> p.contains("/jobs/")), "job polls are requests too");
        assertEquals((requests - 1) / 4, waits.size(), "every fifth request waited for the shared minute");
        assertEquals(30, journal.ids().size());
    }

    @Test
    void aBurstLargerThanMaxResultsIsCollectedAsyncExactlyOnce() throws Exception {
        List<String> all = burst(95);
        PcePoller poller = poller("max_results", 10);

        assertEquals(Duration.ofSeconds(30), poller.poll());

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertEquals(95, journal.events().size(), "each event delivered once");
        assertEquals(1, journal.appends().size(), "the window is committed once, after the whole download");
        assertEquals(NOW.minus(Duration.ofMinutes(30)).plusSeconds(94 * 7L).toString(), journal.position(TestConfig.NAME));
        assertEquals(List.of("/events", "/events", "/jobs/", "/jobs/", "/datafiles/"), kinds(pce.paths()));
        assertEquals(1, pce.asyncRequests());
        Duration retryAfter = Duration.ofSeconds(PceEmulator.JOB_RETRY_AFTER);
        assertEquals(List.of(retryAfter, retryAfter), sleeps, "each job poll waits as Retry-After says");
        assertEquals(0, pce.unauthorized(), "every endpoint got the API key");
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void aFailedJobFallsBackToSplittingAndLosesNothing() throws Exception {
        List<String> all = burst(95);
        pce.failJobs();

        poller("max_results", 10).poll();

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertEquals(1, pce.asyncRequests(), "the halves are split, not collected async again");
        assertTrue(pce.eventRequests().size() > 10, "the window was split: " + pce.eventRequests().size());
        assertEquals(NOW.minus(Duration.ofMinutes(30)).plusSeconds(94 * 7L).toString(), journal.position(TestConfig.NAME));
    }

    @Test
    void aPceWithoutAsyncCollectionsGetsTheWindowSplit() throws Exception {
        List<String> all = burst(25);
        pce.refuseAsync(406);

        poller("max_results", 10).poll();

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertEquals(1, pce.asyncRequests());
        assertEquals(0, kinds(pce.paths()).stream().filter(k -> k.equals("/jobs/")).count());
    }

    @Test
    void aJobOutlastingTheAsyncTimeoutFallsBackToSplitting() throws Exception {
        List<String> all = burst(25);
        pce.pendingPolls(Integer.MAX_VALUE);

        poller("max_results", 10, "async_timeout", 9).poll();

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertEquals(4, sleeps.size(), "polled every 2 s until 9 s had passed: " + sleeps);
    }

    @Test
    void aRateLimitedJobPollWaitsAsTheServerSaysAndCarriesOn() throws Exception {
        List<String> all = burst(25);
        pce.failJobPoll(429, "{\"error\":\"too many requests\"}", "7");

        assertEquals(Duration.ofSeconds(30), poller("max_results", 10).poll());

        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(2)), sleeps);
        assertEquals(1, pce.asyncRequests());
    }

    @Test
    void aMalformedDatafileAdvancesNothingAndSaysWhy() throws Exception {
        List<String> all = burst(25);
        pce.datafileBody("[{\"href\": \"/orgs/1/events/x\", ");
        PcePoller poller = poller("max_results", 10);

        assertEquals(Duration.ofSeconds(30), poller.poll());

        assertNull(journal.position(TestConfig.NAME));
        assertTrue(journal.ids().isEmpty());
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem.startsWith("the PCE's async result /api/v2/orgs/1/datafiles/") && problem.contains(
                "is not valid JSON") && problem.contains("nothing more was committed"), problem);

        pce.datafileBody(null);
        poller.poll();
        assertEquals(new HashSet<>(all), new HashSet<>(journal.ids()));
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void theEmulatorChecksTheApiKeyOnEveryEndpoint() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v2/health", "/api/v2/orgs/1/events?max_results=1",
                "/api/v2/orgs/1/jobs/x", "/api/v2/orgs/1/datafiles/x")) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(pce.url() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (PceEmulator.USER + ":wrong").getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(401, response.statusCode(), path);
        }
        assertEquals(4, pce.unauthorized());
    }

    /** {@code count} events 7 s apart, starting 30 min ago. */
    private List<String> burst(int count) {
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hrefs.add(pce.add(NOW.minus(Duration.ofMinutes(30)).plusSeconds(i * 7L), "user.sign_in"));
        }
        return hrefs;
    }

    /** Each path as the kind of endpoint it names. */
    private static List<String> kinds(List<String> paths) {
        return paths.stream().map(p -> p.endsWith("/events") ? "/events"
                : p.substring(p.indexOf("/", "/api/v2/orgs/1".length()), p.lastIndexOf('/') + 1)).toList();
    }

    private static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
