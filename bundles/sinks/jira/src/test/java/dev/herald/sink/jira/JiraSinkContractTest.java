package dev.herald.sink.jira;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;

/** The contract every Herald sink honours, for this one. */
class JiraSinkContractTest extends HttpSinkContractTest {
    JiraSinkContractTest() {
        super(JiraSink.class, url -> JiraSinkTest.config(url.toString()), List.of(JiraSinkTest.TOKEN),
                HttpClients.standalone());
    }
}
