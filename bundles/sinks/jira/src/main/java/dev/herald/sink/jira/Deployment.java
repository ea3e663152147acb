package dev.herald.sink.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;

/**
 * The two Jira REST dialects Herald speaks. Jira Cloud's v3 API takes rich text as Atlassian
 * Document Format; Data Center's v2 API takes wiki markup strings and searches at another path.
 */
enum Deployment {
    CLOUD("3", "/search/jql") {
        @Override
        JsonNode richText(String text, String details) {
            return AdfDocument.of(text, details);
        }
    },
    DATACENTER("2", "/search") {
        @Override
        JsonNode richText(String text, String details) {
            return JsonNodeFactory.instance.textNode(WikiText.of(text, details));
        }
    };

    private final String apiVersion;
    private final String searchPath;

    Deployment(String apiVersion, String searchPath) {
        this.apiVersion = apiVersion;
        this.searchPath = searchPath;
    }

    /** {@code /rest/api/3} or {@code /rest/api/2}. */
    String apiPath() {
        return "/rest/api/" + apiVersion;
    }

    /** The JQL search resource under {@link #apiPath()}. */
    String searchPath() {
        return apiPath() + searchPath;
    }

    /** A description or comment body: plain text, then optionally {@code details} as a code block. */
    abstract JsonNode richText(String text, String details);

    /** {@code cloud} or {@code datacenter}, as configured. */
    static Deployment of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "":
            case "cloud":
                return CLOUD;
            case "datacenter":
            case "server":
                return DATACENTER;
            default:
                throw new IllegalArgumentException("deployment '" + value + "' is not supported: use cloud"
                        + " (Atlassian-hosted, *.atlassian.net) or datacenter (self-hosted Jira Data Center/Server)");
        }
    }
}
