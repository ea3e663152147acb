package dev.herald.source.securityhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.aws.AwsClients;
import dev.herald.aws.RequestPacer;
import dev.herald.source.securityhub.SecurityHubEmulator.Request;
import dev.herald.testkit.CloseAfterEach;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.MutableClock;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

class SecurityHubPollerTest {
    private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");

    @RegisterExtension
    final CloseAfterEach opened = new CloseAfterEach();
    private final SecurityHubEmulator aws = opened.add(new SecurityHubEmulator());
    private final MemoryJournal journal = new MemoryJournal();
    private final MutableClock clock = new MutableClock(NOW);

    /** A poller on the emulator; backfill 1 h unless {@code config} says otherwise. */
    private SecurityHubPoller poller(Object... config) {
        List<Object> values = new ArrayList<>(List.of("backfill_hours", 1));
        values.addAll(List.of(config));
        TestConfig test = new TestConfig(aws.url(), values.toArray());
        SecurityHubSettings settings = test.settings();
        AwsClients aws = opened.add(test.clients());
        SecurityHubClient client = aws.client(SecurityHubClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ResponseBodyCapture())));
        FindingsWindow window = new FindingsWindow(client, new RequestPacer(1000, System::nanoTime, d -> { }),
                settings.filters());
        return new SecurityHubPoller(settings, window, journal, clock, HeraldKinds.all().recognizer());
    }

    private static String id(JsonNode finding) {
        return finding.get("Id").asText() + "@" + Instant.parse(finding.get("UpdatedAt").asText());
    }

    @Test
    void firstRunReadsEveryPageWithTheFiltersAndCommitsTheWindowEnd() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            ids.add(id(aws.add(NOW.minusSeconds(10 + i * 20L), i % 2 == 0 ? "HIGH" : "CRITICAL")));
        }
        aws.add(NOW.minusSeconds(30), "LOW");
        aws.add(NOW.minus(Duration.ofHours(2)), "CRITICAL");

        assertEquals(Duration.ofSeconds(60), poller("severity_labels", "HIGH, critical",
                "record_states", new String[] {"ACTIVE", "ARCHIVED"}, "product_names", "GuardDuty").poll());

        assertEquals(ids, new HashSet<>(journal.ids()));
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME));
        List<Request> requests = aws.requests();
        assertEquals(2, requests.size(), "pages of 100 followed by NextToken");
        Request first = requests.get(0);
        assertEquals("POST", first.method());
        assertEquals("/findings", first.path());
        JsonNode body = first.body();
        assertEquals(100, body.get("MaxResults").asInt());
        assertEquals("UpdatedAt", body.at("/SortCriteria/0/Field").asText());
        assertEquals("asc", body.at("/SortCriteria/0/SortOrder").asText());
        JsonNode filters = body.get("Filters");
        assertEquals(NOW.minus(Duration.ofHours(1)), Instant.parse(filters.at("/UpdatedAt/0/Start").asText()));
        assertEquals(NOW, Instant.parse(filters.at("/UpdatedAt/0/End").asText()));
        assertEquals("HIGH", filters.at("/SeverityLabel/0/Value").asText());
        assertEquals("EQUALS", filters.at("/SeverityLabel/0/Comparison").asText());
        assertEquals("CRITICAL", filters.at("/SeverityLabel/1/Value").asText());
        assertEquals(2, filters.get("RecordState").size());
        assertEquals("GuardDuty", filters.at("/ProductName/0/Value").asText());
        assertFalse(filters.has("WorkflowStatus"), "unset filters are not sent");
        assertFalse(first.body().has("NextToken"));
        assertEquals("100", requests.get(1).body().get("NextToken").asText());
    }

    @Test
    void anEventCarriesTheFindingAsSecurityHubSentIt() throws Exception {
        ObjectNode finding = aws.add(NOW.minusSeconds(30), "HIGH");

        poller().poll();

        Event event = journal.event(id(finding));
        assertEquals("securityhub", event.source());
        assertEquals("hub", event.instance());
        assertEquals("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS", event.type());
        assertEquals(NOW.minusSeconds(30), event.time());
        assertEquals(Severity.HIGH, event.severity());
        assertEquals(finding, event.detail());
        assertEquals(finding.toString(), event.raw());
    }

    @Test
    void eachUpdateOfAFindingIsAnEventAndARepeatedUpdateIsOne() throws Exception {
        SecurityHubPoller poller = poller();
        ObjectNode first = aws.add(NOW.minusSeconds(120), "HIGH");
        poller.poll();

        clock.advance(Duration.ofMinutes(1)); // the overlap brings the first update again
        ObjectNode archived = first.deepCopy().put("UpdatedAt", NOW.plusSeconds(30).toString())
                .put("RecordState", "ARCHIVED");
        aws.put(NOW.plusSeconds(30), archived);
        poller.poll();

        assertEquals(List.of(id(first), id(archived)), journal.ids());
        assertEquals(3, journal.events().size(), "the first update was offered twice and kept once");
        assertEquals("ARCHIVED", journal.event(id(archived)).detail().get("RecordState").asText());
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME));
        Instant secondStart = Instant.parse(aws.requests().get(1).body().at("/Filters/UpdatedAt/0/Start").asText());
        assertEquals(NOW.minusSeconds(300), secondStart, "checkpoint less the 300 s overlap");
    }

    @Test
    void theCheckpointMovesOnlyWithTheCommit() throws Exception {
        SecurityHubPoller poller = poller();
        ObjectNode finding = aws.add(NOW.minusSeconds(30), "CRITICAL");
        journal.refuseNext(1);

        poller.poll();
        assertNull(journal.position(TestConfig.NAME));
        assertTrue(journal.ids().isEmpty());
        assertTrue(journal.problem(TestConfig.NAME).contains("journal refused"), journal.problem(TestConfig.NAME));

        clock.advance(Duration.ofMinutes(1));
        poller.poll();
        assertEquals(List.of(id(finding)), journal.ids());
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME));
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void hostileFindingsAmongValidOnesAreQuarantinedAndThePollMovesOn() throws Exception {
        ObjectNode before = aws.add(NOW.minusSeconds(50), "HIGH");
        String arn = "arn:aws:guardduty:eu-west-1:123456789012:detector/x/finding/";
        aws.put(NOW.minusSeconds(40), SecurityHubEmulator.finding(arn + "epoch", NOW, "HIGH")
                .put("UpdatedAt", "9999999999999999999"));
        aws.put(NOW.minusSeconds(35), SecurityHubEmulator.finding(arn + "created", NOW, "HIGH")
                .put("CreatedAt", new java.math.BigInteger("9999999999999999999")));
        aws.put(NOW.minusSeconds(30), SecurityHubEmulator.finding(arn + "noid", NOW, "HIGH").without("Id"));
        ObjectNode after = aws.add(NOW.minusSeconds(20), "LOW");

        assertEquals(Duration.ofSeconds(60), poller().poll());

        assertEquals(List.of(id(before), id(after)), journal.ids());
        assertEquals(3, journal.quarantined().size(), journal.quarantined().toString());
        assertTrue(journal.quarantined().get(0).location().endsWith("finding/epoch"),
                journal.quarantined().get(0).location());
        assertTrue(journal.quarantined().get(0).reason().contains("UpdatedAt"), journal.quarantined().get(0).reason());
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME), "the checkpoint moved on");
        assertNull(journal.problem(TestConfig.NAME), "a bad finding is not a problem of the source");
    }

    @Test
    void aFindingWithAMalformedUpdatedAtIsQuarantinedOnceAndTheRestFlows() throws Exception {
        SecurityHubPoller poller = poller();
        ObjectNode good = aws.add(NOW.minusSeconds(20), "HIGH");
        ObjectNode bad = SecurityHubEmulator.finding("arn:aws:guardduty:eu-west-1:123456789012:detector/x/finding/bad",
                NOW, "HIGH").put("UpdatedAt", "2026-11-03 11:59:40");
        aws.put(NOW.minusSeconds(40), bad);

        poller.poll();
        clock.advance(Duration.ofMinutes(1));
        poller.poll();

        assertEquals(List.of(id(good)), journal.ids());
        assertEquals(NOW.plusSeconds(60).toString(), journal.position(TestConfig.NAME));
        assertEquals(1, journal.quarantined().size(), "quarantined once though the overlap read it twice");
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertTrue(q.location().contains("detector/x/finding/bad"), q.location());
        assertTrue(q.reason().contains("UpdatedAt"), q.reason());
        assertEquals(bad.toString(), q.content());
    }

    @Test
    void aLongBackfillIsCommittedSliceBySlice() throws Exception {
        ObjectNode old = aws.add(NOW.minus(Duration.ofHours(5)), "MEDIUM");
        ObjectNode recent = aws.add(NOW.minusSeconds(5), "MEDIUM");

        poller("backfill_hours", 24).poll();

        assertEquals(List.of(id(old), id(recent)), journal.ids());
        assertEquals(24, aws.requests().size(), "one request per hour-long slice");
        assertEquals(NOW.toString(), journal.position(TestConfig.NAME));
    }

    @Test
    void throttlingBacksOffAndTheSourceCatchesUpLater() throws Exception {
        SecurityHubPoller poller = poller("retry_mode", "legacy");
        aws.fail(429, "TooManyRequestsException", "Rate exceeded");
        ObjectNode finding = aws.add(NOW.minusSeconds(10), "HIGH");

        poller.poll();
        int throttled = aws.requests().size();
        assertTrue(journal.ids().isEmpty());
        assertTrue(journal.problem(TestConfig.NAME).contains("TooManyRequestsException"), journal.problem(TestConfig.NAME));
        assertNull(journal.position(TestConfig.NAME));

        clock.advance(Duration.ofSeconds(30)); // less than the backoff (one poll interval)
        poller.poll();
        assertEquals(throttled, aws.requests().size(), "no request during the backoff");

        aws.heal();
        clock.advance(Duration.ofSeconds(30));
        poller.poll();
        assertEquals(List.of(id(finding)), journal.ids());
        assertNull(journal.problem(TestConfig.NAME));
    }

    @Test
    void anAccountWithoutSecurityHubIsAProblemThatSaysWhatToDo() throws Exception {
        SecurityHubPoller poller = poller();
        aws.fail(401, "InvalidAccessException", "Account 123456789012 is not subscribed to AWS Security Hub");

        poller.poll();

        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem.contains("InvalidAccessException"), problem);
        // the URLConnection client does not hand over the body of a 401: the hint says what it means
        assertTrue(problem.contains("not subscribed to Security Hub"), problem);
        assertTrue(problem.contains("enable Security Hub"), problem);
        assertTrue(problem.contains("asking again in 300 s"), problem);

        clock.advance(Duration.ofMinutes(2));
        int asked = aws.requests().size();
        poller.poll();
        assertEquals(asked, aws.requests().size(), "a refusal is asked again after 5 minutes only");
    }

    @Test
    void accessDeniedTellsToGrantTheAction() throws Exception {
        SecurityHubPoller poller = poller();
        aws.fail(403, "AccessDeniedException", "User is not authorized to perform: securityhub:GetFindings");

        poller.poll();

        String problem = journal.problem(TestConfig.NAME);
        assertTrue(problem.contains("securityhub:GetFindings"), problem);
        assertTrue(problem.contains("grant"), problem);
        assertTrue(journal.ids().isEmpty());
    }
}
