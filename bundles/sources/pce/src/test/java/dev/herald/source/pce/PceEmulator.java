package dev.herald.source.pce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An Illumio PCE on loopback for tests: the events endpoint with timestamp[gte]/[lte] (both
 * inclusive) and max_results, its async collection ({@code Prefer: respond-async} → 202 with a
 * job that is pending for a while, then done or failed, and a datafile of the uncapped result),
 * the health endpoint, the workloads API (one workload by href, 404 when unknown; the list
 * filtered by {@code ip_address} over the workloads' interfaces, capped by max_results), HTTP
 * Basic checked on every endpoint, and scripted failures.
 */
final class PceEmulator implements AutoCloseable {
    static final String USER = "api_1a2b3c";
    static final String SECRET = "s3cr3t";
    /** The Retry-After (seconds) of a 202 and of a pending job. */
    static final int JOB_RETRY_AFTER = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // without it every small response waits ~40 ms for a delayed ACK (Nagle); read once per JVM
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A response: status, body and Retry-After (null for none). */
    record Answer(int status, String body, String retryAfter) {
    }

    /** An async collection: its events, how many polls it stays pending, and how it ends. */
    private static final class Job {
        final String uuid = UUID.randomUUID().toString();
        final String result;
        int pendingPolls;
        final boolean fails;

        Job(String result, int pendingPolls, boolean fails) {
            this.result = result;
            this.pendingPolls = pendingPolls;
            this.fails = fails;
        }
    }

    private final HttpServer server;
    private final String orgPath;
    private final List<ObjectNode> events = new ArrayList<>();
    private final Map<String, ObjectNode> workloads = new LinkedHashMap<>();
    private int workloadRequests;
    private final Deque<Answer> eventFailures = new ArrayDeque<>();
    private final Deque<Answer> jobPollFailures = new ArrayDeque<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final List<URI> eventRequests = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private int healthRequests;
    private int asyncRequests;
    private int unauthorized;
    private Answer asyncRefusal;
    private int pendingPolls = 1;
    private boolean jobsFail;
    private String datafileBody;

    PceEmulator(int org) {
        this.orgPath = "/api/v2/orgs/" + org;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds an audit event at {@code time}; returns its href. */
    synchronized String add(Instant time, String type) {
        String href = "/orgs/1/events/" + UUID.randomUUID();
        ObjectNode e = JSON.createObjectNode().put("href", href).put("timestamp", time.toString())
                .put("event_type", type).put("status", "success").put("severity", "info")
                .put("pce_fqdn", "pce.example.com");
        e.putObject("created_by").putObject("system");
        events.add(e);
        return href;
    }

    /**
     * Adds a workload as the PCE describes it (hostname, one interface with {@code ip}, labels by
     * key, managed, online, enforcement_mode); returns its href.
     */
    synchronized String addWorkload(String hostname, String ip, Map<String, String> labels, String enforcementMode) {
        String href = "/orgs/1/workloads/" + UUID.randomUUID();
        ObjectNode w = JSON.createObjectNode().put("href", href).put("hostname", hostname).put("name", hostname)
                .put("managed", true).put("online", true).put("enforcement_mode", enforcementMode)
                .put("os_id", "ubuntu-x86_64-jammy");
        w.putArray("interfaces").addObject().put("name", "eth0").put("address", ip);
        labels.forEach((key, value) -> w.withArray("labels").addObject()
                .put("href", "/orgs/1/labels/" + Math.abs((key + value).hashCode())).put("key", key).put("value", value));
        workloads.put(href, w);
        return href;
    }

    /** The workload of that href as stored, for a test to change (labels, online, …). */
    synchronized ObjectNode workload(String href) {
        return workloads.get(href);
    }

    /** Forgets a workload (the PCE answers 404 for it). */
    synchronized void removeWorkload(String href) {
        workloads.remove(href);
    }

    /** Requests to the workloads API, by href and by address. */
    synchronized int workloadRequests() {
        return workloadRequests;
    }

    /** Adds a raw record as is; one without a timestamp is in every window (e.g. one the recognizer rejects). */
    synchronized void addRaw(ObjectNode record) {
        events.add(record);
    }

    /** The next (synchronous) events request gets this instead of events. */
    synchronized void fail(int status, String body, String retryAfter) {
        eventFailures.add(new Answer(status, body, retryAfter));
    }

    /** Async requests are answered with this status (e.g. 406, as a PCE without async support). */
    synchronized void refuseAsync(int status) {
        asyncRefusal = new Answer(status, "{\"error\":\"not acceptable\"}", null);
    }

    /** Jobs submitted from now on stay pending for this many polls. */
    synchronized void pendingPolls(int polls) {
        pendingPolls = polls;
    }

    /** Jobs submitted from now on end failed. */
    synchronized void failJobs() {
        jobsFail = true;
    }

    /** The next job poll gets this instead of the job. */
    synchronized void failJobPoll(int status, String body, String retryAfter) {
        jobPollFailures.add(new Answer(status, body, retryAfter));
    }

    /** Every datafile is downloaded as this body instead of its events. */
    synchronized void datafileBody(String body) {
        datafileBody = body;
    }

    /** The events requests, synchronous and async. */
    synchronized List<URI> eventRequests() {
        return List.copyOf(eventRequests);
    }

    /** The paths of every request but health checks, in order. */
    synchronized List<String> paths() {
        return List.copyOf(paths);
    }

    synchronized int asyncRequests() {
        return asyncRequests;
    }

    synchronized int healthRequests() {
        return healthRequests;
    }

    /** Requests refused for lack of the right credentials. */
    synchronized int unauthorized() {
        return unauthorized;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            synchronized (this) {
                answer = answer(exchange);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Answer answer(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            unauthorized++;
            return new Answer(401, "{\"error\":\"Authentication required\"}", null);
        }
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        if (path.equals("/api/v2/health")) {
            healthRequests++;
            return ok("[{\"status\":\"normal\"}]");
        }
        paths.add(path);
        if (path.equals(orgPath + "/events")) {
            eventRequests.add(uri);
            return "respond-async".equals(exchange.getRequestHeaders().getFirst("Prefer")) ? submit(uri, exchange)
                    : orElse(eventFailures.poll(), () -> ok(events(uri, true)));
        }
        if (path.equals(orgPath + "/workloads")) {
            workloadRequests++;
            return workloadsByIp(uri);
        }
        if (path.startsWith(orgPath + "/workloads/")) {
            workloadRequests++;
            ObjectNode w = workloads.get(path.substring("/api/v2".length()));
            return w == null ? notFound() : ok(w.toString());
        }
        if (path.startsWith(orgPath + "/jobs/")) {
            return orElse(jobPollFailures.poll(), () -> job(path.substring((orgPath + "/jobs/").length())));
        }
        if (path.startsWith(orgPath + "/datafiles/")) {
            Job job = jobs.get(path.substring((orgPath + "/datafiles/").length()));
            return job == null ? notFound() : ok(datafileBody != null ? datafileBody : job.result);
        }
        return notFound();
    }

    private Answer submit(URI uri, HttpExchange exchange) {
        asyncRequests++;
        if (asyncRefusal != null) {
            return asyncRefusal;
        }
        Job job = new Job(events(uri, false), pendingPolls, jobsFail);
        jobs.put(job.uuid, job);
        exchange.getResponseHeaders().set("Location", "/orgs/1/jobs/" + job.uuid);
        return new Answer(202, "", Integer.toString(JOB_RETRY_AFTER));
    }

    private Answer job(String uuid) {
        Job job = jobs.get(uuid);
        if (job == null) {
            return notFound();
        }
        ObjectNode body = JSON.createObjectNode().put("href", "/orgs/1/jobs/" + uuid)
                .put("job_type", "async_export").put("description", "/orgs/1/events")
                .put("requested_at", Instant.now().toString());
        body.putObject("requested_by").put("href", "/users/1");
        if (job.pendingPolls > 0) {
            job.pendingPolls--;
            return new Answer(200, body.put("status", "running").toString(), Integer.toString(JOB_RETRY_AFTER));
        }
        body.put("terminated_at", Instant.now().toString());
        if (job.fails) {
            return ok(body.put("status", "failed").toString());
        }
        body.put("status", "done").putObject("result").put("href", "/orgs/1/datafiles/" + uuid);
        return ok(body.toString());
    }

    private Answer workloadsByIp(URI uri) {
        Map<String, String> query = query(uri);
        String ip = query.get("ip_address");
        int max = Integer.parseInt(query.getOrDefault("max_results", "500"));
        List<ObjectNode> selected = workloads.values().stream()
                .filter(w -> ip == null || w.path("interfaces").findValuesAsText("address").contains(ip))
                .limit(max)
                .toList();
        return ok(JSON.createArrayNode().addAll(selected).toString());
    }

    private String events(URI uri, boolean capped) {
        Map<String, String> query = query(uri);
        Instant gte = Instant.parse(query.get("timestamp[gte]"));
        Instant lte = Instant.parse(query.get("timestamp[lte]"));
        int max = capped ? Integer.parseInt(query.getOrDefault("max_results", "100")) : Integer.MAX_VALUE;
        List<ObjectNode> selected = events.stream()
                .filter(e -> !e.has("timestamp") || !Instant.parse(e.get("timestamp").asText()).isBefore(gte)
                        && !Instant.parse(e.get("timestamp").asText()).isAfter(lte))
                .sorted(Comparator.comparing((ObjectNode e) -> e.path("timestamp").asText()).reversed())
                .limit(max)
                .toList();
        return JSON.createArrayNode().addAll(selected).toString();
    }

    private static Answer orElse(Answer scripted, Supplier<Answer> normal) {
        return scripted != null ? scripted : normal.get();
    }

    private static Answer ok(String body) {
        return new Answer(200, body, null);
    }

    private static Answer notFound() {
        return new Answer(404, "{\"error\":\"not found\"}", null);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
