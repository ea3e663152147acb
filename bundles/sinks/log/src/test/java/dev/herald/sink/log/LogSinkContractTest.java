package dev.herald.sink.log;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkConfig;
import dev.herald.testkit.sink.SinkContractTest;
import java.util.Map;

/** The contract every Herald sink honours, for this one (it has no rate: writing a log line is cheap). */
class LogSinkContractTest extends SinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return new LogSink(SinkConfig.of(LogSink.Config.class, properties).get());
    }

    @Override
    protected Map<String, Object> validProperties() {
        return Map.of("name", "console", "level", "warn");
    }

    @Override
    protected boolean hasRate() {
        return false;
    }
}
