package dev.herald.core.runbook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a responder should know about one kind of event: its category, what to do, where to read
 * more and how serious it usually is.
 *
 * @param category the kind of activity, e.g. {@code Authentication}
 * @param guidance what to check and do, in a few sentences
 * @param link     documentation to read (an http or https URL), or null
 * @param severity the severity such an event usually deserves ({@code info} … {@code critical}),
 *                 a hint for routes and readers that changes nothing by itself, or null
 */
public record Runbook(String category, String guidance, String link, String severity) {

    /** As the enrichment shows it: {@code enrichment.runbook.category}, {@code .guidance}, {@code .link}, {@code .severity}. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("category", category);
        node.put("guidance", guidance);
        if (link != null) {
            node.put("link", link);
        }
        if (severity != null) {
            node.put("severity", severity);
        }
        return node;
    }
}
