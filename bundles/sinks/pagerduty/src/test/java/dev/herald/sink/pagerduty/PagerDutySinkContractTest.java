package dev.herald.sink.pagerduty;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class PagerDutySinkContractTest extends HttpSinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return PagerDutySinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return Map.of("name", "pager", "routing_key", PagerDutySinkTest.ROUTING_KEY, "api_url", endpoint.toString());
    }

    @Override
    protected List<String> secrets() {
        return List.of(PagerDutySinkTest.ROUTING_KEY);
    }
}
