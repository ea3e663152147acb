package dev.herald.sink.webhook;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class WebhookSinkContractTest extends HttpSinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return WebhookSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return Map.of("name", "siem", "url", endpoint + "/ingest", "auth", "bearer", "token", WebhookSinkTest.TOKEN);
    }

    @Override
    protected List<String> secrets() {
        return List.of(WebhookSinkTest.TOKEN);
    }
}
