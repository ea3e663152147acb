package dev.herald.sink.teams;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one: its Workflows URL's signature is the credential. */
class TeamsSinkContractTest extends HttpSinkContractTest {
    private static final String SIGNATURE = "k3Xp9QzR7vW2mN8bT5yL1cH6";

    TeamsSinkContractTest() {
        super(TeamsSink.class, url -> Map.of("name", "soc-teams", "webhook_url", url
                + "/workflows/triggers/manual/run?sig=" + SIGNATURE), List.of(SIGNATURE), HttpClients.standalone());
    }
}
