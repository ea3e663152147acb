package dev.herald.sink.mail;

import dev.herald.api.Sink;
import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one (activating it does not connect). */
class MailSinkContractTest extends SinkContractTest {
    private static final String PASSWORD = "smtp-Pa55-9f2c";

    @Override
    protected Sink activate(Map<String, Object> properties) {
        return MailSinkTest.sink(properties);
    }

    @Override
    protected Map<String, Object> validProperties() {
        return MailSinkTest.configFor(2525, "starttls", "username", "herald", "password", PASSWORD);
    }

    @Override
    protected List<String> secrets() {
        return List.of(PASSWORD);
    }
}
