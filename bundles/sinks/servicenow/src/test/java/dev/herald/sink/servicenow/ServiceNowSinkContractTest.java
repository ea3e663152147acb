package dev.herald.sink.servicenow;

import dev.herald.http.HttpClients;
import dev.herald.testkit.sink.HttpSinkContractTest;
import java.util.List;

/** The contract every Herald sink honours, for this one. */
class ServiceNowSinkContractTest extends HttpSinkContractTest {
    ServiceNowSinkContractTest() {
        super(ServiceNowSink.class, url -> ServiceNowSinkTest.config(url.toString()), List.of(ServiceNowSinkTest.PASSWORD),
                HttpClients.standalone());
    }
}
