package dev.herald.source.pce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.source.PollLoop;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.source.ClockedSourceContractTest;
import java.time.Duration;
import java.util.List;

/** The source contract, for the PCE source polling an emulated PCE. */
class PceSourceContractTest extends ClockedSourceContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PceEmulator pce = opened.add(new PceEmulator(1));

    @Override
    protected PollLoop.Poll connect() {
        PceSettings settings = TestConfig.settings("pce_url", pce.url());
        RequestBudget unlimited = new RequestBudget(Integer.MAX_VALUE, Duration.ofMinutes(1), System::nanoTime, d -> { });
        PceClient client = new PceClient(settings,
                HttpClients.standalone().create(HttpSettings.builder("test").build()), unlimited);
        return new PcePoller(settings, client, new AsyncCollection(settings, client, clock, clock::advance), journal,
                clock, HeraldKinds.all().recognizer())::poll;
    }

    @Override
    protected String instance() {
        return TestConfig.NAME;
    }

    /** An audit event of a few seconds ago. */
    @Override
    protected String record(int n) {
        return JSON.createObjectNode().put("href", id(n)).put("event_type", "user.sign_in")
                .put("timestamp", clock.instant().minusSeconds(5).toString()).put("status", "success").toString();
    }

    @Override
    protected String id(int n) {
        return "/orgs/1/events/contract-" + n;
    }

    /** An event without a timestamp. */
    @Override
    protected String malformedRecord() {
        return "{\"href\":\"/orgs/1/events/malformed\",\"event_type\":\"user.sign_in\"}";
    }

    @Override
    protected void offer(List<String> records) throws Exception {
        for (String record : records) {
            pce.addRaw((ObjectNode) JSON.readTree(record));
        }
    }

    @Override
    protected void breakInput() {
        pce.fail(401, "{\"error\":\"authentication required\"}", null);
    }

    @Override
    protected void repairInput() {
        // the emulator answers the one failing request only
    }
}
