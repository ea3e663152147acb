package dev.herald.api.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;

/**
 * What a sink's template rendered, read as the JSON object the sink builds its request from. A
 * body that is not one is the template's fault, so a permanent failure that names the sink's
 * template and where to fix it:
 * {@code the rendered template is not a valid Jira issue: <why> — check the jira template (…)}.
 */
public final class TemplateOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final String expected;

    /**
     * @param kind     the sink kind, e.g. {@code jira}
     * @param expected what the body must be, e.g. {@code "a valid Jira issue"}
     */
    public TemplateOutput(String kind, String expected) {
        this.kind = kind;
        this.expected = expected;
    }

    /** The body as a JSON object. */
    public ObjectNode object(String body) throws DeliveryException {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw invalid("it must be a JSON object");
        }
        return object;
    }

    /** The permanent failure for a body that is not what the sink needs, {@code why} saying what is wrong. */
    public DeliveryException invalid(String why) {
        return DeliveryException.permanent("the rendered template is not " + expected + ": " + why + " — check the "
                + kind + " template (etc/herald/templates/" + kind + "/ or the route's)");
    }
}
