package dev.herald.sink.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.http.HttpFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed enqueue into the sink's verdict. The shared HTTP layer classifies; this adds what
 * PagerDuty says: the {@code errors} of a 400 ("invalid event"), and a wait on a 429 that came
 * without {@code Retry-After}, so a rate-limited integration is not hammered.
 */
final class PagerDutyRejection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PagerDutyRejection() {
    }

    /** The verdict; its reason never holds {@code routingKey}, even when PagerDuty's answer echoes it. */
    static DeliveryException classify(HttpFailure failure, String routingKey) {
        int status = failure.status().orElse(0);
        String reason = failure.getMessage().replace(routingKey, "<routing_key>");
        if (status == 400) {
            List<String> errors = errors(failure.responseBody());
            String why = errors.isEmpty() ? failure.responseBody() : String.join("; ", errors);
            return DeliveryException.permanent(("PagerDuty rejected the event (HTTP 400): " + why
                    + " — check the template's output against the Events API v2 fields")
                    .replace(routingKey, "<routing_key>"));
        }
        if (status == 429 && failure.retryAfter().isEmpty()) {
            return DeliveryException.retryable(reason + " (no Retry-After: waiting "
                    + PagerDutySink.RATE_LIMIT_WAIT.toSeconds() + " s)", PagerDutySink.RATE_LIMIT_WAIT);
        }
        return failure.toDeliveryException(reason);
    }

    /** The {@code errors} of PagerDuty's {@code {"status":"invalid event","errors":[…]}}; empty if absent. */
    private static List<String> errors(String body) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null) {
                tree.path("errors").forEach(e -> errors.add(e.asText()));
            }
        } catch (IOException notJson) {
            // an HTML error page or a cut body: the caller shows the raw excerpt instead
        }
        return errors;
    }
}
