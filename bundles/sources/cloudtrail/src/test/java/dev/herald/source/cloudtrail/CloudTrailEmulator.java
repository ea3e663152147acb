package dev.herald.source.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.aws.testing.NextTokenPages;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's LookupEvents as AWS JSON 1.1 ({@code POST /}, {@code X-Amz-Target:
 * [com.amazonaws.cloudtrail.v20131101.]CloudTrail_20131101.LookupEvents}): events of [StartTime, EndTime] newest first, pages of
 * MaxResults with NextToken, the ReadOnly lookup attribute, errors as {@code {"__type", "message"}}.
 * All regions share one endpoint; the region of a request is the one of its SigV4 credential scope.
 */
final class CloudTrailEmulator implements AutoCloseable {
    /** The SDK sends it qualified: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents. */
    static final String TARGET = "CloudTrail_20131101.LookupEvents";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/cloudtrail/aws4_request");

    /** One LookupEvents request as received. */
    record Request(String region, String target, String contentType, JsonNode body) {
    }

    private record Stored(Instant time, boolean readOnly, ObjectNode result) {
    }

    private final StubHttpServer server = StubHttpServer.http();
    private final Map<String, List<Stored>> events = new ConcurrentHashMap<>();
    private final Map<String, String[]> errors = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    CloudTrailEmulator() {
        server.respond(this::answer);
    }

    String url() {
        return server.uri("").toString();
    }

    /** Adds a write event in {@code region} and returns its eventID. */
    String add(String region, Instant time, String eventName) {
        return add(region, time, eventName, false);
    }

    String add(String region, Instant time, String eventName, boolean readOnly) {
        String id = UUID.randomUUID().toString();
        addResult(region, time, readOnly, id, eventName, record(region, time, eventName, readOnly, id).toString());
        return id;
    }

    /** A CloudTrail record by alice, as LookupEvents carries it in CloudTrailEvent. */
    static ObjectNode record(String region, Instant time, String eventName, boolean readOnly, String id) {
        ObjectNode record = JSON.createObjectNode()
                .put("eventVersion", "1.09").put("eventTime", time.toString())
                .put("eventSource", "iam.amazonaws.com").put("eventName", eventName).put("awsRegion", region)
                .put("sourceIPAddress", "203.0.113.7").put("eventID", id).put("readOnly", readOnly)
                .put("eventType", "AwsApiCall").put("recipientAccountId", "123456789012");
        record.putObject("userIdentity").put("type", "IAMUser").put("userName", "alice")
                .put("arn", "arn:aws:iam::123456789012:user/alice");
        return record;
    }

    /** Adds a result whose CloudTrailEvent is {@code cloudTrailEvent} as is. */
    void addResult(String region, Instant time, boolean readOnly, String id, String eventName, String cloudTrailEvent) {
        ObjectNode result = JSON.createObjectNode().put("EventId", id).put("EventName", eventName)
                .put("ReadOnly", Boolean.toString(readOnly)).put("AccessKeyId", "AKIAEXAMPLE")
                .put("EventTime", time.getEpochSecond()).put("EventSource", "iam.amazonaws.com")
                .put("Username", "alice").put("CloudTrailEvent", cloudTrailEvent);
        result.putArray("Resources");
        events.computeIfAbsent(region, r -> new ArrayList<>()).add(new Stored(time, readOnly, result));
    }

    /** Every request to {@code region} answers HTTP {@code status} with this error until {@link #heal}. */
    void fail(String region, int status, String type, String message) {
        errors.put(region, new String[] {Integer.toString(status), type, message});
    }

    void heal(String region) {
        errors.remove(region);
    }

    synchronized List<Request> requests(String region) {
        return requests.stream().filter(r -> r.region().equals(region)).toList();
    }

    private Reply answer(Recorded http) {
        Matcher scope = SCOPE.matcher(String.valueOf(http.header("Authorization")));
        String region = scope.find() ? scope.group(1) : "?";
        JsonNode body = http.bodyJson();
        synchronized (this) {
            requests.add(new Request(region, http.header("X-Amz-Target"), http.header("Content-Type"), body));
        }
        String[] error = errors.get(region);
        if (error != null) {
            return json(Integer.parseInt(error[0]), JSON.createObjectNode().put("__type", error[1])
                    .put("message", error[2]));
        }
        if (!String.valueOf(http.header("X-Amz-Target")).endsWith(TARGET)) {
            return json(400, JSON.createObjectNode().put("__type", "UnknownOperationException"));
        }
        Instant start = Instant.ofEpochMilli((long) (body.path("StartTime").asDouble() * 1000));
        Instant end = Instant.ofEpochMilli((long) (body.path("EndTime").asDouble() * 1000));
        String readOnly = null;
        for (JsonNode a : body.path("LookupAttributes")) {
            if (a.path("AttributeKey").asText().equals("ReadOnly")) {
                readOnly = a.path("AttributeValue").asText();
            }
        }
        String only = readOnly;
        List<Stored> matching;
        synchronized (this) {
            matching = events.getOrDefault(region, List.of()).stream()
                    .filter(e -> !e.time().isBefore(start) && !e.time().isAfter(end))
                    .filter(e -> only == null || Boolean.toString(e.readOnly()).equals(only))
                    .sorted(Comparator.comparing(Stored::time).reversed())
                    .toList();
        }
        return json(200, NextTokenPages.page(body, 50, "Events", matching, Stored::result));
    }

    private static Reply json(int status, ObjectNode body) {
        return Reply.status(status, body.toString(), "Content-Type", "application/x-amz-json-1.1");
    }

    @Override
    public void close() {
        server.close();
    }
}
