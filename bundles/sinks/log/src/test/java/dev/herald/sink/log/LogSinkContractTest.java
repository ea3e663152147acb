package dev.herald.sink.log;

import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one (it has no rate: writing a log line is cheap). */
class LogSinkContractTest extends SinkContractTest {
    LogSinkContractTest() {
        super(LogSink.class, () -> Map.of("name", "console", "level", "warn"), List.of());
    }

    @Override
    protected boolean hasRate() {
        return false;
    }
}
