package dev.herald.sink.sns;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;

/** The contract every Herald sink honours, for this one (activating it does not call AWS). */
class SnsSinkContractTest extends SinkContractTest {
    SnsSinkContractTest() {
        super(SnsSink.class, () -> SnsSinkTest.config("http://127.0.0.1:9", "arn:aws:sns:us-east-1:123456789012:alerts"),
                List.of(SnsEmulator.SECRET_ACCESS_KEY));
    }

    @Override
    protected void deactivate(Sink sink) {
        ((SnsSink) sink).close();
    }
}
