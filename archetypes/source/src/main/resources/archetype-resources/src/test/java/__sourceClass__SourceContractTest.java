package ${package};

import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import dev.herald.testkit.source.SourceContractTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract every Herald source honours, run against this one by the test kit: its checkpoint
 * moves only with its commit, a malformed record is quarantined once while the others flow, and a
 * failure it cannot get past shows as its problem until it reads again.
 */
class ${sourceClass}SourceContractTest extends SourceContractTest {
    private final FeedEmulator feed = new FeedEmulator();
    private ${sourceClass}Poller poller;

    @BeforeEach
    void connect() {
        // a page of 2, so that severalBatches() records make several commits
        ${sourceClass}Poller.Feed settings = new ${sourceClass}Poller.Feed(URI.create(feed.url()), "", 2, Duration.ofSeconds(60));
        poller = new ${sourceClass}Poller(instance(), settings,
                HttpClients.standalone().create(HttpSettings.builder("test").build()), journal, Clock.systemUTC(), () -> false);
    }

    @AfterEach
    void close() {
        feed.close();
    }

    @Override
    protected String instance() {
        return "${sourceKind}-contract";
    }

    @Override
    protected String record(int n) {
        return "{\"id\":\"" + id(n) + "\",\"type\":\"user.login\",\"time\":\"2026-11-03T12:00:00Z\",\"severity\":\"low\"}";
    }

    @Override
    protected String id(int n) {
        return "evt-" + n;
    }

    @Override
    protected void offer(List<String> records) {
        feed.add(records);
    }

    @Override
    protected void poll() throws InterruptedException {
        poller.poll();
    }

    @Override
    protected void breakInput() {
        feed.fail(403, "{\"error\":\"forbidden\"}");
    }

    @Override
    protected void repairInput() {
        feed.recover();
    }
}
