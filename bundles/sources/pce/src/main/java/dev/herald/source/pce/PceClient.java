package dev.herald.source.pce;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpSender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * The requests this source makes to the PCE's REST API v2, authenticated with the API key
 * (HTTP Basic) and counted against the key's {@link RequestBudget}.
 */
final class PceClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PceSettings settings;
    private final HttpSender http;
    private final RequestBudget budget;
    private final String authorization;

    PceClient(PceSettings settings, HttpSender http, RequestBudget budget) {
        this.settings = settings;
        this.http = http;
        this.budget = budget;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.apiUser() + ":" + settings.apiSecret()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /api/v2/health}: the PCE's own health report, as text. */
    String health() throws HttpFailure, InterruptedException {
        return get("/api/v2/health").trim();
    }

    /**
     * The audit events with {@code gte <= timestamp <= lte} that pass the configured filters, at
     * most {@code max_results} of them.
     */
    ArrayNode events(Instant gte, Instant lte) throws HttpFailure, MalformedResponseException, InterruptedException {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.add(param("timestamp[gte]", gte.toString()));
        query.add(param("timestamp[lte]", lte.toString()));
        query.add(param("max_results", Integer.toString(settings.maxResults())));
        settings.eventTypes().forEach(t -> query.add(param("event_type", t)));
        if (!settings.severity().isEmpty()) {
            query.add(param("severity", settings.severity()));
        }
        if (!settings.status().isEmpty()) {
            query.add(param("status", settings.status()));
        }
        String body = get("/api/v2/orgs/" + settings.orgId() + "/events" + query);
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedResponseException("the PCE's event list is not valid JSON (" + e.getOriginalMessage()
                    + ")", e);
        }
        if (parsed == null || !parsed.isArray()) {
            throw new MalformedResponseException("the PCE's event list is not a JSON array but "
                    + (parsed == null ? "empty" : parsed.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)), null);
        }
        return (ArrayNode) parsed;
    }

    private String get(String pathAndQuery) throws HttpFailure, InterruptedException {
        budget.acquire();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.pceUrl() + pathAndQuery))
                .GET()
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        return http.send(request).body();
    }

    private static String param(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
