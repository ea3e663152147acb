package dev.herald.sink.mail;

import dev.herald.testkit.sink.SinkContractTest;
import java.util.List;

/** The contract every Herald sink honours, for this one (activating it does not connect). */
class MailSinkContractTest extends SinkContractTest {
    private static final String PASSWORD = "smtp-Pa55-9f2c";

    MailSinkContractTest() {
        super(MailSink.class, () -> MailSinkTest.configFor(2525, "starttls", "username", "herald", "password", PASSWORD),
                List.of(PASSWORD));
    }
}
