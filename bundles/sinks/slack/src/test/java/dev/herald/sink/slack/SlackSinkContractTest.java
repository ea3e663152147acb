package dev.herald.sink.slack;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class SlackSinkContractTest extends HttpSinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return SlackSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return Map.of("name", "secops", "token", SlackSinkTest.TOKEN, "channel", "#secops", "api_url", endpoint + "/api");
    }

    @Override
    protected List<String> secrets() {
        return List.of(SlackSinkTest.TOKEN);
    }
}
