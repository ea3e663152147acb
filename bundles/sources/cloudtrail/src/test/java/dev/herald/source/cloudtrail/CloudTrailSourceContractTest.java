package dev.herald.source.cloudtrail;

import dev.herald.api.source.PollLoop;
import dev.herald.aws.AwsClients;
import dev.herald.aws.RequestPacer;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.source.ClockedSourceContractTest;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** The source contract, for the CloudTrail source polling an emulated LookupEvents. */
class CloudTrailSourceContractTest extends ClockedSourceContractTest {
    private static final String EU = "eu-west-1";

    private final CloudTrailEmulator aws = opened.add(new CloudTrailEmulator());
    private int unreadable;

    @Override
    protected PollLoop.Poll connect() {
        TestConfig test = new TestConfig(aws.url());
        CloudTrailSettings settings = test.settings();
        AwsClients clients = opened.add(test.clients());
        List<RegionLookup> lookups = settings.regions().stream().map(region -> new RegionLookup(region,
                clients.client(CloudTrailClient.builder(), region), new RequestPacer(1000, System::nanoTime, d -> { }),
                settings.lookupAttribute())).toList();
        return new CloudTrailPoller(settings, lookups, journal, clock, HeraldKinds.all().recognizer())::poll;
    }

    @Override
    protected String instance() {
        return TestConfig.NAME;
    }

    @Override
    protected String record(int n) {
        return CloudTrailEmulator.record(EU, clock.instant(), "CreateUser", false, id(n)).toString();
    }

    @Override
    protected String id(int n) {
        return "contract-" + n;
    }

    /** Each record as a LookupEvents result of a few seconds ago, its EventId the record's eventID. */
    @Override
    protected void offer(List<String> records) {
        for (String record : records) {
            int at = record.indexOf("\"eventID\":\"");
            String id = at < 0 ? "unreadable-" + ++unreadable : record.substring(at + 11, record.indexOf('"', at + 11));
            aws.addResult(EU, clock.instant().minusSeconds(5), false, id, "CreateUser", record);
        }
    }

    @Override
    protected void breakInput() {
        aws.fail(EU, 400, "AccessDeniedException", "not authorized to perform cloudtrail:LookupEvents");
    }

    @Override
    protected void repairInput() {
        aws.heal(EU);
    }
}
