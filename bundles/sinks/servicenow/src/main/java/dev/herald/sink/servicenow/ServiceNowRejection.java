package dev.herald.sink.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.http.HttpFailure;
import java.io.IOException;

/**
 * Turns a failed Table API call into the sink's verdict. The shared HTTP layer classifies (429 and
 * 5xx retryable with Retry-After, other 4xx permanent); this adds what ServiceNow says, its {@code
 * {"error":{"message","detail"},"status":"failure"}}, and what to fix for 400, 401, 403 and 404.
 */
final class ServiceNowRejection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceNowRejection() {
    }

    /**
     * The verdict for {@code failure} while {@code doing} (e.g. "creating an incident") on {@code
     * table}; its reason never holds a configured secret.
     */
    static DeliveryException classify(HttpFailure failure, String doing, String table, Credentials credentials) {
        int status = failure.status().orElse(0);
        String said = explanation(failure.responseBody());
        String advice;
        switch (status) {
            case 400:
                advice = "ServiceNow rejected the request (HTTP 400) while " + doing + ": " + said
                        + " — check the template's field names and values against the " + table + " table";
                break;
            case 401:
                advice = "ServiceNow did not accept the credentials while " + doing + " (HTTP 401): " + said
                        + " — check username and password (auth = basic; the user must not be locked out or"
                        + " need a password reset), or that the OAuth token (auth = bearer) is valid and not expired";
                break;
            case 403:
                advice = "the ServiceNow user may not do this while " + doing + " (HTTP 403): " + said
                        + " — give it the itil role (or the role the " + table + " table's read, create and write"
                        + " ACLs require), and for auth = bearer the OAuth scope useraccount";
                break;
            case 404:
                advice = "table '" + table + "' not found on the instance while " + doing + " (HTTP 404): " + said
                        + " — check table (incident, or e.g. sn_si_incident) and the instance URL";
                break;
            default:
                return scrubbed(failure, credentials);
        }
        return DeliveryException.permanent(credentials.scrub(advice));
    }

    /** The shared layer's verdict, with any echoed secret removed from the reason. */
    private static DeliveryException scrubbed(HttpFailure failure, Credentials credentials) {
        return failure.toDeliveryException(credentials.scrub(failure.getMessage()));
    }

    /** "message: detail" from ServiceNow's error object; the raw excerpt when the body is not one. */
    private static String explanation(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            JsonNode error = tree == null ? JSON.missingNode() : tree.path("error");
            String message = error.path("message").asText("");
            String detail = error.path("detail").asText("");
            if (!message.isBlank()) {
                return detail.isBlank() || detail.equals("null") ? message : message + ": " + detail;
            }
        } catch (IOException notJson) {
            // an HTML error page (a proxy, a hibernating developer instance) or a cut body
        }
        return body.isBlank() ? "(empty body)" : body;
    }
}
