package dev.herald.sink.servicenow;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class ServiceNowSinkContractTest extends HttpSinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return ServiceNowSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> properties(URI endpoint) {
        return ServiceNowSinkTest.config(endpoint.toString());
    }

    @Override
    protected List<String> secrets() {
        return List.of(ServiceNowSinkTest.PASSWORD);
    }
}
