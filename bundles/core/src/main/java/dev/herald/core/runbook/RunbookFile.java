package dev.herald.core.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one catalogue file: a JSON object whose keys are event types (the event's {@code type},
 * e.g. {@code user.login_failed} or {@code StopLogging}) and whose values are runbooks:
 *
 * <pre>{@code
 * {"user.login_failed": {"category": "Authentication", "severity": "medium",
 *                        "link": "https://…", "guidance": "Check whether …"}}
 * }</pre>
 *
 * {@code category} and {@code guidance} are required, {@code link} (http or https) and {@code
 * severity} optional. The whole file is rejected at its first mistake, named with the entry and
 * field, so that a half-read file never replaces a good one.
 */
final class RunbookFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunbookFile() {
    }

    /** The runbooks of {@code text} by event type; {@code file} names it in errors. */
    static Map<String, Runbook> parse(String file, String text) throws CatalogueException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CatalogueException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CatalogueException(file + " must be a JSON object of event type to runbook, e.g. "
                    + "{\"user.login_failed\": {\"category\": \"Authentication\", \"guidance\": \"…\"}}");
        }
        Map<String, Runbook> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.put(entry.getKey(), runbook(file + " entry '" + entry.getKey() + "'", entry.getValue()));
        }
        return out;
    }

    private static Runbook runbook(String where, JsonNode node) throws CatalogueException {
        if (!node.isObject()) {
            throw new CatalogueException(where + " must be an object with category and guidance");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("category") && !name.equals("guidance") && !name.equals("link")
                    && !name.equals("severity")) {
                throw new CatalogueException(where + " has an unknown field '" + name
                        + "': use category, guidance, link and severity");
            }
        }
        String severity = text(where, node, "severity", false);
        if (severity != null && Severity.parse(severity).isEmpty()) {
            throw new CatalogueException(where + " severity '" + severity
                    + "' is unknown: use info, low, medium, high or critical");
        }
        return new Runbook(text(where, node, "category", true), text(where, node, "guidance", true),
                link(where, text(where, node, "link", false)), severity == null ? null
                : Severity.parse(severity).get().label());
    }

    private static String text(String where, JsonNode node, String field, boolean required)
            throws CatalogueException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new CatalogueException(where + " has no " + field + ": add \"" + field + "\": \"…\"");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new CatalogueException(where + " " + field + " must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static String link(String where, String link) throws CatalogueException {
        if (link == null) {
            return null;
        }
        try {
            URI uri = new URI(link);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return link;
            }
        } catch (URISyntaxException e) {
            // reported below with the rule
        }
        throw new CatalogueException(where + " link '" + link + "' is not an http or https URL");
    }
}
