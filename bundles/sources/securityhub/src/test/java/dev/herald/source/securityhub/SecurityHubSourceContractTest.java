package dev.herald.source.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.source.PollLoop;
import dev.herald.aws.AwsClients;
import dev.herald.aws.RequestPacer;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.source.ClockedSourceContractTest;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** The source contract, for the Security Hub source polling an emulated GetFindings. */
class SecurityHubSourceContractTest extends ClockedSourceContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant UPDATED = Instant.parse("2026-11-03T11:00:00Z");
    private static final String ARN = "arn:aws:guardduty:eu-west-1:123456789012:detector/7ec9a5d3/finding/contract-";

    private final SecurityHubEmulator aws = opened.add(new SecurityHubEmulator());

    @Override
    protected PollLoop.Poll connect() {
        TestConfig test = new TestConfig(aws.url());
        SecurityHubSettings settings = test.settings();
        AwsClients clients = opened.add(test.clients());
        SecurityHubClient client = clients.client(SecurityHubClient.builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ResponseBodyCapture())));
        return new SecurityHubPoller(settings, new FindingsWindow(client, new RequestPacer(1000, System::nanoTime,
                d -> { }), settings.filters()), journal, clock, HeraldKinds.all().recognizer())::poll;
    }

    @Override
    protected String instance() {
        return TestConfig.NAME;
    }

    @Override
    protected String record(int n) {
        return SecurityHubEmulator.finding(ARN + n, UPDATED, "HIGH").toString();
    }

    @Override
    protected String id(int n) {
        return ARN + n + "@" + UPDATED;
    }

    /** A finding whose UpdatedAt is not ISO-8601. */
    @Override
    protected String malformedRecord() {
        return SecurityHubEmulator.finding(ARN + "malformed", UPDATED, "HIGH").put("UpdatedAt", "2026-11-03 11:00:00")
                .toString();
    }

    /** Each finding as updated a few seconds ago for GetFindings' filter, whatever its UpdatedAt says. */
    @Override
    protected void offer(List<String> records) throws Exception {
        for (String record : records) {
            JsonNode finding = JSON.readTree(record);
            aws.put(clock.instant().minusSeconds(5), (ObjectNode) finding);
        }
    }

    @Override
    protected void breakInput() {
        aws.fail(400, "InvalidAccessException", "Account 123456789012 is not subscribed to AWS Security Hub");
    }

    @Override
    protected void repairInput() {
        aws.heal();
    }
}
