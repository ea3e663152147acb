package dev.herald.source.pce;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.http.HttpFailure;
import dev.herald.http.HttpSender;
import dev.herald.http.RetryAfter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The requests this source makes to the PCE's REST API v2, authenticated with the API key
 * (HTTP Basic) and each counted against the key's {@link RequestBudget}.
 */
final class PceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v2";
    /** An href the PCE hands out (job, datafile): a path under /api/v2, never another host. */
    private static final Pattern HREF = Pattern.compile("(/api/v2)?/orgs/\\d+/[A-Za-z0-9_/-]+");
    private static final int ACCEPTED = 202;
    private static final int NOT_FOUND = 404;

    /** The PCE accepted an async collection: poll {@code jobHref}, first after {@code retryAfter}. */
    record Accepted(String jobHref, Optional<Duration> retryAfter) {
    }

    /**
     * An async job's state.
     *
     * @param status     pending, running, done or failed
     * @param resultHref the datafile holding the result, when done
     * @param retryAfter the wait before the next poll the PCE asked for, if it did
     */
    record JobState(String status, Optional<String> resultHref, Optional<Duration> retryAfter) {
    }

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
        return get(API + "/health", false).body().trim();
    }

    /**
     * The audit events with {@code gte <= timestamp <= lte} that pass the configured filters, at
     * most {@code max_results} of them.
     */
    ArrayNode events(Instant gte, Instant lte) throws HttpFailure, MalformedResponseException, InterruptedException {
        return array(get(eventsPath(gte, lte), false).body(), "event list");
    }

    /**
     * Asks for the same events as {@link #events} as an async collection ({@code Prefer:
     * respond-async}), which max_results does not cap.
     *
     * @return the job, or empty when the PCE answered at once instead of with {@code 202}
     */
    Optional<Accepted> submitEvents(Instant gte, Instant lte)
            throws HttpFailure, MalformedResponseException, InterruptedException {
        HttpResponse<String> response = get(eventsPath(gte, lte), true);
        if (response.statusCode() != ACCEPTED) {
            return Optional.empty();
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new MalformedResponseException("the PCE accepted an async collection (HTTP 202)"
                        + " without a Location header naming its job", null));
        return Optional.of(new Accepted(apiPath(location, "async job location"), retryAfter(response)));
    }

    /** {@code GET /api/v2/orgs/{org}/jobs/{uuid}}: the state of an async job. */
    JobState job(String jobHref) throws HttpFailure, MalformedResponseException, InterruptedException {
        HttpResponse<String> response = get(jobHref, false);
        JsonNode job = parse(response.body(), "async job " + jobHref);
        JsonNode status = job.path("status");
        if (!status.isTextual()) {
            throw new MalformedResponseException("the PCE's async job " + jobHref + " has no status", null);
        }
        JsonNode result = job.path("result").path("href");
        Optional<String> resultHref = Optional.empty();
        if (result.isTextual()) {
            resultHref = Optional.of(apiPath(result.asText(), "async job " + jobHref + " result"));
        }
        return new JobState(status.asText().toLowerCase(Locale.ROOT), resultHref, retryAfter(response));
    }

    /** {@code GET /api/v2/orgs/{org}/datafiles/{uuid}}: the events an async job collected. */
    ArrayNode datafile(String href) throws HttpFailure, MalformedResponseException, InterruptedException {
        return array(get(href, false).body(), "async result " + href);
    }

    /**
     * {@code GET /api/v2/orgs/{org}/workloads/{uuid}}: one workload by the href an event names,
     * empty when the PCE no longer has it (404).
     */
    Optional<JsonNode> workload(String href) throws HttpFailure, MalformedResponseException, InterruptedException {
        String path = apiPath(href, "workload href");
        try {
            return Optional.of(parse(get(path, false).body(), "workload " + href));
        } catch (HttpFailure e) {
            if (e.status().orElse(0) == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /api/v2/orgs/{org}/workloads?ip_address=…}: the workloads with an interface of that address. */
    ArrayNode workloadsByIp(String ip) throws HttpFailure, MalformedResponseException, InterruptedException {
        String path = API + "/orgs/" + settings.orgId() + "/workloads?" + param("ip_address", ip) + "&"
                + param("max_results", "10");
        return array(get(path, false).body(), "workload list for " + ip);
    }

    private String eventsPath(Instant gte, Instant lte) {
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
        return API + "/orgs/" + settings.orgId() + "/events" + query;
    }

    private HttpResponse<String> get(String pathAndQuery, boolean async) throws HttpFailure, InterruptedException {
        budget.acquire();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.pceUrl() + pathAndQuery))
                .GET()
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (async) {
            request.header("Prefer", "respond-async");
        }
        return http.send(request.build());
    }

    /** The href as a path from the PCE's root; {@code /orgs/…} hrefs are relative to /api/v2. */
    private static String apiPath(String href, String what) throws MalformedResponseException {
        if (!HREF.matcher(href).matches()) {
            throw new MalformedResponseException("the PCE's " + what + " '" + abbreviate(href)
                    + "' is not a path under " + API + "/orgs/", null);
        }
        return href.startsWith(API) ? href : API + href;
    }

    private static ArrayNode array(String body, String what) throws MalformedResponseException {
        JsonNode parsed = parse(body, what);
        if (!parsed.isArray()) {
            throw new MalformedResponseException("the PCE's " + what + " is not a JSON array but "
                    + parsed.getNodeType().toString().toLowerCase(Locale.ROOT), null);
        }
        return (ArrayNode) parsed;
    }

    private static JsonNode parse(String body, String what) throws MalformedResponseException {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedResponseException("the PCE's " + what + " is not valid JSON (" + e.getOriginalMessage()
                    + ")", e);
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw new MalformedResponseException("the PCE's " + what + " is empty", null);
        }
        return parsed;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
    }

    private static String param(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
