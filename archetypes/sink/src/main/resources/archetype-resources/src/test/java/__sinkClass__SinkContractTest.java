package ${package};

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;
import java.util.Map;

/**
 * The contract every Herald sink honours, run against this one by the test kit: a valid configuration
 * activates, name is required, a negative rate is refused, a 4xx is permanent, 429, 5xx and a refused
 * connection are retryable after Retry-After, and the token shows in no reason, cause or log line.
 */
class ${sinkClass}SinkContractTest extends HttpSinkContractTest {
    static final String TOKEN = "contract-token-8d1f";

    ${sinkClass}SinkContractTest() {
        super(${sinkClass}Sink.class, url -> Map.of("name", "${sinkKind}", "url", url + "/v1/alerts", "token", TOKEN),
                List.of(TOKEN), HttpClients.standalone());
    }
}
