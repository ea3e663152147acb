package dev.herald.sink.sns;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one (activating it does not call AWS). */
class SnsSinkContractTest extends SinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return SnsSinkTest.sink(properties);
    }

    @Override
    protected void deactivate(Sink sink) {
        ((SnsSink) sink).close();
    }

    @Override
    protected Map<String, Object> validProperties() {
        return SnsSinkTest.config("http://127.0.0.1:9", "arn:aws:sns:us-east-1:123456789012:alerts");
    }

    @Override
    protected List<String> secrets() {
        return List.of(SnsEmulator.SECRET_ACCESS_KEY);
    }
}
