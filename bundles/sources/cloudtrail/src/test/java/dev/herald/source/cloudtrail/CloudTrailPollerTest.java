package dev.herald.source.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.source.PollHealth;
import dev.herald.aws.AwsClients;
import dev.herald.aws.RequestPacer;
import dev.herald.source.cloudtrail.CloudTrailEmulator.Request;
import dev.herald.testkit.CloseAfterEach;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.MutableClock;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

class CloudTrailPollerTest {
    private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");
    private static final String EU = "eu-west-1";
    private static final String US = "us-east-1";

    @RegisterExtension
    final CloseAfterEach opened = new CloseAfterEach();
    private final CloudTrailEmulator aws = opened.add(new CloudTrailEmulator());
    private final MemoryJournal journal = new MemoryJournal();
    private final MutableClock clock = new MutableClock(NOW);

    private CloudTrailPoller poller(Object... config) {
        TestConfig test = new TestConfig(aws.url(), config);
        CloudTrailSettings settings = test.settings();
        AwsClients aws = opened.add(test.clients());
        List<RegionLookup> lookups = settings.regions().stream().map(region -> new RegionLookup(region,
                aws.client(CloudTrailClient.builder(), region), new RequestPacer(1000, System::nanoTime, d -> { }),
                settings.lookupAttribute())).toList();
        return new CloudTrailPoller(settings, lookups, journal, clock, HeraldKinds.all().recognizer());
    }

    @Test
    void firstRunReadsEveryPageOfTheBackfillAndCommitsTheWindowEnd() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add(aws.add(EU, NOW.minusSeconds(10 + i * 20L), "CreateUser"));
        }
        aws.add(EU, NOW.minus(Duration.ofHours(2)), "TooOld");

        assertEquals(Duration.ofSeconds(60), poller().poll());

        assertEquals(new HashSet<>(ids), new HashSet<>(journal.ids()));
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME, EU));
        List<Request> requests = aws.requests(EU);
        assertEquals(3, requests.size(), "pages of 50 followed by NextToken");
        Request first = requests.get(0);
        assertTrue(first.target().endsWith(CloudTrailEmulator.TARGET), first.target());
        assertTrue(first.contentType().startsWith("application/x-amz-json-1.1"), first.contentType());
        assertEquals(50, first.body().get("MaxResults").asInt());
        assertEquals(NOW.minus(Duration.ofHours(1)).getEpochSecond(), first.body().get("StartTime").asLong());
        assertEquals(NOW.getEpochSecond(), first.body().get("EndTime").asLong());
        assertFalse(first.body().has("NextToken"));
        assertEquals("50", requests.get(1).body().get("NextToken").asText());
        assertEquals("100", requests.get(2).body().get("NextToken").asText());
    }

    @Test
    void eventsCarryTheFullRecordLikeS3DeliveredOnes() throws Exception {
        String id = aws.add(EU, NOW.minusSeconds(30), "ConsoleLogin");

        poller().poll();

        var event = journal.event(id);
        assertEquals("cloudtrail", event.source());
        assertEquals("trail", event.instance());
        assertEquals("ConsoleLogin", event.type());
        assertEquals(NOW.minusSeconds(30), event.time());
        assertEquals("alice", event.detail().path("userIdentity").path("userName").asText());
        assertTrue(event.raw().contains("\"eventID\":\"" + id + "\""), event.raw());
    }

    @Test
    void theOverlapAsksAgainForLateEventsAndRepeatsAreCommittedOnce() throws Exception {
        CloudTrailPoller poller = poller();
        String early = aws.add(EU, NOW.minusSeconds(100), "CreateUser");
        poller.poll();
        clock.advance(Duration.ofMinutes(1));
        String late = aws.add(EU, NOW.minusSeconds(50), "DeleteUser"); // delivered after the first poll
        poller.poll();

        assertEquals(List.of(early, late), journal.ids());
        assertEquals(3, journal.events().size(), "the early event came again and was dropped by the journal");
        Request second = aws.requests(EU).get(1);
        assertEquals(NOW.minusSeconds(900).getEpochSecond(), second.body().get("StartTime").asLong());
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, EU));
    }

    @Test
    void aRefusingJournalAdvancesNoCheckpointAndTheNextPollDeliversEverything() throws Exception {
        CloudTrailPoller poller = poller("regions", new String[] {EU, US});
        String eu = aws.add(EU, NOW.minusSeconds(100), "CreateUser");
        String us = aws.add(US, NOW.minusSeconds(100), "CreateRole");
        journal.refuseNext(1);

        poller.poll();

        assertNull(journal.position(TestConfig.NAME, EU));
        assertNull(journal.position(TestConfig.NAME, US));
        assertTrue(aws.requests(US).isEmpty(), "the poll ended at the refusal");
        assertTrue(journal.problem(TestConfig.NAME).contains("journal refused"), journal.problem(TestConfig.NAME));

        clock.advance(Duration.ofMinutes(1));
        poller.poll();
        assertEquals(new HashSet<>(List.of(eu, us)), new HashSet<>(journal.ids()));
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, EU));
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, US));
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void aLongBackfillIsCommittedSliceBySlice() throws Exception {
        aws.add(EU, NOW.minus(Duration.ofMinutes(150)), "CreateUser");

        poller("backfill_hours", 3).poll();

        assertEquals(3, aws.requests(EU).size());
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME, EU));
        assertEquals(1, journal.ids().size());
    }

    @Test
    void throttlingPausesThatRegionOnlyAndItCatchesUpLater() throws Exception {
        CloudTrailPoller poller = poller("regions", new String[] {EU, US}, "retry_mode", "legacy");
        aws.fail(US, 400, "ThrottlingException", "Rate exceeded");
        String eu = aws.add(EU, NOW.minusSeconds(10), "CreateUser");
        String us = aws.add(US, NOW.minusSeconds(10), "CreateRole");

        poller.poll();
        int throttled = aws.requests(US).size();
        assertEquals(List.of(eu), journal.ids());
        assertTrue(journal.problem(TestConfig.NAME).startsWith("us-east-1: "), journal.problem(TestConfig.NAME));
        assertTrue(journal.problem(TestConfig.NAME).contains("ThrottlingException"), journal.problem(TestConfig.NAME));

        clock.advance(Duration.ofSeconds(30)); // less than the backoff (one poll interval)
        poller.poll();
        assertEquals(throttled, aws.requests(US).size(), "the throttled region was left alone");

        aws.heal(US);
        clock.advance(Duration.ofSeconds(30));
        poller.poll();
        assertEquals(new HashSet<>(List.of(eu, us)), new HashSet<>(journal.ids()));
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, US));
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void accessDeniedInOneRegionIsReportedWhileTheOtherKeepsFlowing() throws Exception {
        CloudTrailPoller poller = poller("regions", new String[] {EU, US});
        aws.fail(US, 400, "AccessDeniedException", "User is not authorized to perform: cloudtrail:LookupEvents");
        aws.add(EU, NOW.minusSeconds(10), "CreateUser");

        poller.poll();
        clock.advance(Duration.ofMinutes(1));
        String later = aws.add(EU, NOW.plusSeconds(30), "DeleteUser");
        poller.poll();

        assertTrue(journal.ids().contains(later));
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, EU));
        assertNull(journal.position(TestConfig.NAME, US));
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem.startsWith("us-east-1: ") && problem.contains("AccessDeniedException")
                && problem.contains("grant"), problem);
        assertEquals(1, aws.requests(US).size(), "a refused region is asked again only after "
                + PollHealth.REFUSED_RETRY);
    }

    @Test
    void theLookupAttributeIsSent() throws Exception {
        aws.add(EU, NOW.minusSeconds(10), "ListUsers", true);
        String write = aws.add(EU, NOW.minusSeconds(10), "CreateUser", false);

        poller("lookup_attribute", "ReadOnly=false").poll();

        assertEquals(List.of(write), journal.ids());
        var attributes = aws.requests(EU).get(0).body().get("LookupAttributes");
        assertEquals(1, attributes.size());
        assertEquals("ReadOnly", attributes.get(0).get("AttributeKey").asText());
        assertEquals("false", attributes.get(0).get("AttributeValue").asText());
    }

    @Test
    void aResultWithoutAReadableRecordIsQuarantinedOnceAndTheRestFlows() throws Exception {
        CloudTrailPoller poller = poller();
        aws.addResult(EU, NOW.minusSeconds(20), false, "bad-1", "CreateUser", "{not json");
        String good = aws.add(EU, NOW.minusSeconds(10), "CreateUser");

        poller.poll();
        clock.advance(Duration.ofMinutes(1));
        poller.poll();

        assertEquals(List.of(good), journal.ids());
        assertEquals(1, journal.quarantined().size());
        assertEquals("cloudtrail:eu-west-1:bad-1", journal.quarantined().get(0).location());
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME, EU));
    }

    @Test
    void aRecordWithAValueOutOfRangeIsQuarantinedAmongValidOnesAndThePollMovesOn() throws Exception {
        CloudTrailPoller poller = poller();
        String before = aws.add(EU, NOW.minusSeconds(30), "CreateUser");
        aws.addResult(EU, NOW.minusSeconds(20), false, "hostile-1", "CreateUser",
                "{\"id\":\"hostile-1\",\"time\":\"9999999999999999999\"}");
        String after = aws.add(EU, NOW.minusSeconds(10), "DeleteUser");

        poller.poll();

        assertEquals(new HashSet<>(List.of(before, after)), new HashSet<>(journal.ids()));
        assertEquals(1, journal.quarantined().size());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertEquals("cloudtrail:eu-west-1:hostile-1", q.location());
        assertTrue(q.reason().contains("9999999999999999999"), q.reason());
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME, EU), "the checkpoint moved on");
        assertNull(journal.problem(TestConfig.NAME), "a bad record is not a problem of the source");
    }

    @Test
    void aRegionTheAccountHasNotEnabledIsReportedAsSuch() throws Exception {
        CloudTrailPoller poller = poller("regions", new String[] {EU, "af-south-1"});
        aws.fail("af-south-1", 400, "UnrecognizedClientException", "The security token included in the request is"
                + " invalid.");
        String eu = aws.add(EU, NOW.minusSeconds(10), "CreateUser");

        poller.poll();

        assertEquals(List.of(eu), journal.ids());
        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem.startsWith("af-south-1: ") && problem.contains("not enabled for the account"), problem);
        assertEquals(problem, poller.problem().orElseThrow());
    }
}
