package dev.herald.sink.pagerduty;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class PagerDutySinkContractTest extends HttpSinkContractTest {
    PagerDutySinkContractTest() {
        super(PagerDutySink.class, url -> Map.of("name", "pager", "routing_key", PagerDutySinkTest.ROUTING_KEY, "api_url",
                url.toString()), List.of(PagerDutySinkTest.ROUTING_KEY), HttpClients.standalone());
    }
}
