package dev.herald.sink.teams;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class TeamsSinkContractTest extends HttpSinkContractTest {
    /** A Workflows URL: its signature is the credential. */
    private static final String SIGNATURE = "k3Xp9QzR7vW2mN8bT5yL1cH6";

    @Override
    protected Sink activate(Map<String, Object> properties) {
        return TeamsSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return Map.of("name", "soc-teams", "webhook_url", endpoint + "/workflows/triggers/manual/run?sig=" + SIGNATURE);
    }

    @Override
    protected List<String> secrets() {
        return List.of(SIGNATURE);
    }
}
