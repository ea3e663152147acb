package dev.herald.sink.syslog;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkContractTest;
import java.time.ZoneOffset;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class SyslogSinkContractTest extends SinkContractTest {
    @Override
    protected Sink activate(Map<String, Object> properties) {
        return new SyslogSink(SyslogSinkTest.config(properties), ZoneOffset.UTC);
    }

    @Override
    protected void deactivate(Sink sink) {
        ((SyslogSink) sink).deactivate();
    }

    @Override
    protected Map<String, Object> validProperties() {
        return Map.of("name", "siem", "host", "127.0.0.1", "transport", "udp", "format", "cef");
    }
}
