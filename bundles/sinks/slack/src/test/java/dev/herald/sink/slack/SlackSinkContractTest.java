package dev.herald.sink.slack;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;
import java.util.Map;

/** The contract every Herald sink honours, for this one. */
class SlackSinkContractTest extends HttpSinkContractTest {
    SlackSinkContractTest() {
        super(SlackSink.class, url -> Map.of("name", "secops", "token", SlackSinkTest.TOKEN, "channel", "#secops",
                "api_url", url + "/api"), List.of(SlackSinkTest.TOKEN), HttpClients.standalone());
    }
}
