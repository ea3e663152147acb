package dev.herald.sink.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.sink.SinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagerDutySinkTest {
    static final String ROUTING_KEY = "R0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5";
    private static final String TRIGGER = "{\"event_action\":\"trigger\",\"dedup_key\":\"finding-1\",\"payload\":"
            + "{\"summary\":\"S3 bucket is public\",\"source\":\"arn:aws:s3:::reports\",\"severity\":\"high\"}}";

    @AutoClose
    private final PagerDutyEmulator pagerDuty = new PagerDutyEmulator(ROUTING_KEY);
    @AutoClose
    private final StubHttpServer stub = StubHttpServer.http();

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static PagerDutySink sink(Map<String, Object> properties) {
        return SinkConfig.of(PagerDutySink.Config.class, properties).activate(PagerDutySink.class, HttpClients.standalone());
    }

    static Map<String, Object> config(String apiUrl, Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "pager", "routing_key", ROUTING_KEY, "api_url", apiUrl), keyValues);
    }

    private static Notification notification(String body, Severity severity) {
        Event event = Event.builder().id("ev-1").source("securityhub").instance("org").type("Finding")
                .severity(severity).build();
        return new Notification(event, "findings", "pager", severity, body, 1, "idem-42");
    }

    private JsonNode sendToPagerDuty(String body, Severity severity) throws DeliveryException {
        sink(config(pagerDuty.baseUrl())).send(notification(body, severity));
        assertEquals(List.of(), pagerDuty.rejections());
        return pagerDuty.accepted().get(pagerDuty.accepted().size() - 1);
    }

    private DeliveryException failure(String apiUrl, String body) {
        PagerDutySink sink = sink(config(apiUrl));
        return assertThrows(DeliveryException.class, () -> sink.send(notification(body, Severity.HIGH)));
    }

    @Test
    void triggersWithTheRoutingKeyAddedAndTheTemplatesFieldsKept() throws Exception {
        JsonNode sent = sendToPagerDuty(TRIGGER, Severity.HIGH);
        assertEquals(ROUTING_KEY, sent.get("routing_key").asText());
        assertEquals("trigger", sent.get("event_action").asText());
        assertEquals("finding-1", sent.get("dedup_key").asText());
        assertEquals("S3 bucket is public", sent.at("/payload/summary").asText());
        assertEquals("arn:aws:s3:::reports", sent.at("/payload/source").asText());
        assertEquals("error", sent.at("/payload/severity").asText());
    }

    @Test
    void sendsJsonByPostToTheEnqueuePathUnderTheConfiguredBase() throws Exception {
        sink(config(stub.uri("/eu/").toString())).send(notification(TRIGGER, Severity.HIGH));
        Recorded r = stub.take();
        assertEquals("POST", r.method());
        assertEquals("/eu/v2/enqueue", r.uri().getPath());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("Herald/dev", r.header("User-Agent"));
    }

    @ParameterizedTest
    @CsvSource({"critical,critical", "high,error", "medium,warning", "low,info", "info,info",
            "error,error", "warning,warning", "CRITICAL,critical"})
    void mapsTheTemplatesSeverityWordToPagerDutysLevels(String word, String expected) throws Exception {
        JsonNode sent = sendToPagerDuty(TRIGGER.replace("\"high\"", "\"" + word + "\""), Severity.INFO);
        assertEquals(expected, sent.at("/payload/severity").asText());
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL,critical", "HIGH,error", "MEDIUM,warning", "LOW,info", "INFO,info"})
    void withoutASeverityTheNotificationsIsMapped(Severity severity, String expected) throws Exception {
        JsonNode sent = sendToPagerDuty(TRIGGER.replace(",\"severity\":\"high\"", ""), severity);
        assertEquals(expected, sent.at("/payload/severity").asText());
    }

    @Test
    void aTriggerWithoutDedupKeyUsesTheIdempotencyKey() throws Exception {
        JsonNode sent = sendToPagerDuty(TRIGGER.replace("\"dedup_key\":\"finding-1\",", ""), Severity.HIGH);
        assertEquals("idem-42", sent.get("dedup_key").asText());
        JsonNode blank = sendToPagerDuty(TRIGGER.replace("finding-1", " "), Severity.HIGH);
        assertEquals("idem-42", blank.get("dedup_key").asText());
    }

    @Test
    void aResolveNeedsOnlyItsDedupKey() throws Exception {
        JsonNode sent = sendToPagerDuty("{\"event_action\":\"resolve\",\"dedup_key\":\"finding-1\"}", Severity.INFO);
        assertEquals("resolve", sent.get("event_action").asText());
        assertEquals("finding-1", sent.get("dedup_key").asText());
        assertEquals(ROUTING_KEY, sent.get("routing_key").asText());
    }

    @Test
    void aLongSummaryIsCutTo1024Characters() throws Exception {
        String summary = "x".repeat(1100);
        JsonNode sent = sendToPagerDuty(TRIGGER.replace("S3 bucket is public", summary), Severity.HIGH);
        String cut = sent.at("/payload/summary").asText();
        assertEquals(1024, cut.length());
        assertTrue(cut.endsWith("x…"), cut);
    }

    @Test
    void aDedupKeyLongerThanPagerDutyAllowsIsReplacedByItsStableHash() throws Exception {
        String key = "arn:aws:securityhub:eu-west-1:123456789012:finding/" + "a".repeat(300);
        JsonNode first = sendToPagerDuty(TRIGGER.replace("finding-1", key), Severity.HIGH);
        JsonNode second = sendToPagerDuty("{\"event_action\":\"resolve\",\"dedup_key\":\"" + key + "\"}", Severity.HIGH);
        String hashed = first.get("dedup_key").asText();
        assertTrue(hashed.startsWith("sha256:") && hashed.length() == 71, hashed);
        assertEquals(hashed, second.get("dedup_key").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1, 2]",
        "{\"routing_key\":\"abc\",\"payload\":{\"summary\":\"s\",\"source\":\"h\"}}",
        "{\"event_action\":\"escalate\",\"dedup_key\":\"k\"}",
        "{\"event_action\":\"resolve\"}",
        "{\"event_action\":\"acknowledge\",\"dedup_key\":\"\"}",
        "{\"event_action\":\"trigger\"}",
        "{\"payload\":{\"source\":\"h\"}}",
        "{\"payload\":{\"summary\":\"s\"}}",
        "{\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"urgent\"}}",
        "{\"payload\":{\"summary\":42,\"source\":\"h\"}}"})
    void aRenderedBodyThatIsNotAValidEventFailsPermanentlyWithoutBeingSent(String body) {
        DeliveryException e = failure(pagerDuty.baseUrl(), body);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("the rendered template is not a valid PagerDuty event: "), e.getMessage());
        assertEquals(List.of(), pagerDuty.accepted());
        assertEquals(List.of(), pagerDuty.rejections());
    }

    @Test
    void anInvalidEventIsPermanentAndListsPagerDutysErrors() {
        stub.reply(Reply.status(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"'payload.severity' is invalid\",\"'routing_key' is invalid\"]}"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("PagerDuty rejected the event (HTTP 400): 'payload.severity' is invalid;"
                + " 'routing_key' is invalid"), e.getMessage());
    }

    @Test
    void aBadRequestWithoutErrorsShowsTheBody() {
        stub.reply(Reply.status(400, "<html>Bad Request</html>"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("<html>Bad Request</html>"), e.getMessage());
    }

    @Test
    void rateLimitedIsRetryableAfterTheServersDelay() {
        stub.reply(Reply.status(429, "", "Retry-After", "12"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(12)), e.retryAfter());
    }

    @Test
    void rateLimitedWithoutRetryAfterWaitsHalfAMinute() {
        stub.reply(Reply.status(429, "{\"status\":\"throttle event\",\"message\":\"Requests for this service are"
                + " arriving too quickly.  Please retry later.\"}"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetryable(int status) {
        stub.reply(Reply.status(status, "{\"status\":\"error\"}"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertTrue(e.isRetryable());
    }

    @Test
    void theRoutingKeyIsNeverInAFailureReason() {
        stub.reply(Reply.status(400, "{\"status\":\"invalid event\",\"errors\":[\"routing_key " + ROUTING_KEY
                + " is not known\"]}"));
        DeliveryException e = failure(stub.uri("").toString(), TRIGGER);
        assertFalse(e.getMessage().contains(ROUTING_KEY), e.getMessage());
        stub.reply(Reply.status(500, "echo " + ROUTING_KEY));
        DeliveryException retryable = failure(stub.uri("").toString(), TRIGGER);
        assertFalse(retryable.getMessage().contains(ROUTING_KEY), retryable.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "routing_key|short|routing_key must be the 32 letters and digits",
        "routing_key|''|routing_key is required",
        "routing_key|R0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c-|not all letters or digits",
        "api_url|ftp://events.pagerduty.com|api_url 'ftp://events.pagerduty.com' must be an http:// or https://",
        "api_url|https://events.pagerduty.com/v2/enqueue|must be the base URL",
        "api_url|''|api_url is required",
        "rate|-1|rate must be 0",
        "name|''|name is required",
        "read_timeout|-5|read_timeout must be a positive number"})
    void invalidConfigurationFailsActivationNamingTheProperty(String key, String value, String message) {
        Map<String, Object> properties = config("https://events.pagerduty.com", key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink(properties));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("short"), e.getMessage());
    }

    @Test
    void theDefaultsAreTheUsEndpointAndTwoEventsASecond() {
        Map<String, Object> properties = Map.of("name", "pager", "routing_key", ROUTING_KEY);
        PagerDutySink.Config config = SinkConfig.of(PagerDutySink.Config.class, properties).get();
        assertEquals("https://events.pagerduty.com", config.api__url());
        assertEquals(2, config.rate());
        sink(properties);
    }
}
