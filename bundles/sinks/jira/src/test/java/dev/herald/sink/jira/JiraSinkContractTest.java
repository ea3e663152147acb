package dev.herald.sink.jira;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class JiraSinkContractTest extends HttpSinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return JiraSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return JiraSinkTest.config(endpoint.toString());
    }

    @Override
    protected List<String> secrets() {
        return List.of(JiraSinkTest.TOKEN);
    }
}
