package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.DeliveryException;
import dev.herald.http.HttpFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed Jira call into the sink's verdict. The shared HTTP layer classifies (429 and 5xx
 * retryable with Retry-After, other 4xx permanent); this adds what Jira says in {@code
 * {"errorMessages":[…],"errors":{field: message}}} and what the operator should fix.
 */
final class JiraRejection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JiraRejection() {
    }

    /**
     * @param doing   what the sink was doing, e.g. "creating an issue in SEC"
     * @param project the configured project key, for the hints
     */
    static DeliveryException classify(HttpFailure failure, String doing, String project) {
        if (failure.isRetryable()) {
            return failure.toDeliveryException("Jira did not answer while " + doing + ": " + failure.getMessage());
        }
        int status = failure.status().orElse(0);
        String said = jiraSays(failure.responseBody());
        String prefix = "Jira refused " + doing + " (HTTP " + status + ")" + (said.isEmpty() ? "" : ": " + said);
        switch (status) {
            case 400:
                return DeliveryException.permanent(prefix + " — " + hint400(failure.responseBody(), project));
            case 401:
                return DeliveryException.permanent(prefix + " — the credentials were not accepted: check username"
                        + " (the account's email) and token, and that auth matches the deployment (Cloud: basic"
                        + " with an API token; Data Center: bearer with a personal access token)");
            case 403:
                return DeliveryException.permanent(prefix + " — the account lacks a permission: it needs Browse"
                        + " projects, Create issues and Add comments in project " + project);
            case 404:
                return DeliveryException.permanent(prefix + " — not found: check that project " + project
                        + " exists and the account can see it, and base_url (with Data Center's context path,"
                        + " e.g. https://jira.example.com/jira)");
            default:
                return DeliveryException.permanent("Jira refused " + doing + ": " + failure.getMessage());
        }
    }

    private static String hint400(String body, String project) {
        JsonNode errors = tree(body).path("errors");
        List<String> hints = new ArrayList<>();
        errors.fieldNames().forEachRemaining(field -> {
            switch (field) {
                case "priority":
                    hints.add("add Priority to the create screen of project " + project + ", or set priorities"
                            + " empty (and drop priority from the template) so Herald stops sending it");
                    break;
                case "issuetype":
                    hints.add("set issue_type to an issue type of project " + project);
                    break;
                case "project":
                    hints.add("check project (the key, e.g. SEC) and that the account can create issues in it");
                    break;
                case "labels":
                    hints.add("add Labels to the create screen of project " + project);
                    break;
                default:
                    hints.add("check '" + field + "': the template's fields, or the project's required fields");
            }
        });
        return hints.isEmpty() ? "check the fields the template produces against the project's create screen"
                : String.join("; ", hints);
    }

    /** Jira's errorMessages and field errors on one line; the raw excerpt when it is not Jira's JSON. */
    private static String jiraSays(String body) {
        JsonNode tree = tree(body);
        List<String> parts = new ArrayList<>();
        tree.path("errorMessages").forEach(m -> parts.add(m.asText()));
        tree.path("errors").fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
        return parts.isEmpty() ? body : String.join("; ", parts);
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null ? JSON.missingNode() : tree;
        } catch (IOException notJson) {
            // an HTML error page or a cut body: the caller shows the raw excerpt
            return JSON.missingNode();
        }
    }
}
