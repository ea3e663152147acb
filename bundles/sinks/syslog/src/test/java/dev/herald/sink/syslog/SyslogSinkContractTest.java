package dev.herald.sink.syslog;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class SyslogSinkContractTest extends SinkContractTest {
    SyslogSinkContractTest() {
        super(SyslogSink.class, () -> Map.of("name", "siem", "host", "127.0.0.1", "transport", "udp", "format", "cef"),
                List.of());
    }

    @Override
    protected void deactivate(Sink sink) {
        ((SyslogSink) sink).deactivate();
    }
}
