package dev.herald.sink.webhook;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class WebhookSinkContractTest extends HttpSinkContractTest {
    WebhookSinkContractTest() {
        super(WebhookSink.class, url -> Map.of("name", "siem", "url", url + "/ingest", "auth", "bearer", "token",
                WebhookSinkTest.TOKEN), List.of(WebhookSinkTest.TOKEN), HttpClients.standalone());
    }
}
