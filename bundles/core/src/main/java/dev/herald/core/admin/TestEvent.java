package dev.herald.core.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import java.time.Instant;
import java.util.UUID;

/** Herald's built-in test event: source {@code json}, type {@code herald.test}. */
final class TestEvent {
    static final String ROUTE = "herald-test";

    private TestEvent() {
    }

    static Event create() {
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("message", "Herald test event: if you can read this, the sink works");
        detail.put("sentBy", "herald:send-test");
        return Event.builder().id("herald-test-" + UUID.randomUUID()).source("json").instance("herald")
                .type("herald.test").time(Instant.now()).severity(Severity.INFO).detail(detail).build();
    }
}
