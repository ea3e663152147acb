package dev.herald.sink.servicenow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.text.Text;
import dev.herald.http.HttpClients;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.sink.SinkConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNowSinkTest {
    static final String PASSWORD = "s3cr3t-Pa55word";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("herald.integration:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String FIELDS = "{\"short_description\":\"S3 bucket is public\",\"description\":\"d\","
            + "\"assignment_group\":\"SOC\",\"u_custom\":\"x\"}";

    @AutoClose
    private final ServiceNowEmulator snow = new ServiceNowEmulator("incident", BASIC);
    @AutoClose
    private final StubHttpServer stub = StubHttpServer.http();

    /** The sink as DS would build it from these configuration properties (strings, as in a .cfg). */
    static ServiceNowSink sink(Map<String, Object> properties) {
        return SinkConfig.of(ServiceNowSink.Config.class, properties).activate(ServiceNowSink.class, HttpClients.standalone());
    }

    static Map<String, Object> config(String instance, Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "snow", "instance", instance,
                "username", "herald.integration", "password", PASSWORD), keyValues);
    }

    static Notification notification(String body, Severity severity, String key) {
        Event event = Event.builder().id("ev-1").source("securityhub").instance("org").type("Finding")
                .severity(severity).build();
        return new Notification(event, "findings", "snow", severity, body, 1, key);
    }

    private DeliveryException failure(String body) {
        ServiceNowSink sink = sink(config(stub.uri("").toString()));
        return assertThrows(DeliveryException.class, () -> sink.send(notification(body, Severity.HIGH, "k1")));
    }

    @Test
    void createsAnIncidentWithTheTemplatesFieldsAndHeraldsCorrelation() throws Exception {
        sink(config(snow.url())).send(notification(FIELDS, Severity.HIGH, "idem-42"));
        assertEquals(List.of(), snow.rejections());
        assertEquals(List.of("GET /api/now/table/incident", "POST /api/now/table/incident"), snow.requests());
        ObjectNode incident = snow.records().values().iterator().next();
        assertEquals("S3 bucket is public", incident.get("short_description").asText());
        assertEquals("SOC", incident.get("assignment_group").asText());
        assertEquals("x", incident.get("u_custom").asText());
        assertEquals("idem-42", incident.get("correlation_id").asText());
        assertEquals("Herald", incident.get("correlation_display").asText());
        assertEquals("1", incident.get("urgency").asText());
        assertEquals("2", incident.get("impact").asText());
    }

    @Test
    void aSecondDeliveryOfTheSameKeyPatchesTheIncidentInsteadOfCreatingAnother() throws Exception {
        ServiceNowSink sink = sink(config(snow.url()));
        sink.send(notification(FIELDS, Severity.HIGH, "idem-42"));
        sink.send(notification(FIELDS.replace("S3 bucket is public", "still public"), Severity.CRITICAL, "idem-42"));
        assertEquals(List.of(), snow.rejections());
        assertEquals(1, snow.records().size());
        String sysId = snow.records().keySet().iterator().next();
        assertEquals(List.of("GET /api/now/table/incident", "POST /api/now/table/incident",
                "GET /api/now/table/incident", "PATCH /api/now/table/incident/" + sysId), snow.requests());
        ObjectNode incident = snow.records().get(sysId);
        assertEquals("still public", incident.get("short_description").asText());
        assertEquals("1", incident.get("impact").asText());

        sink.send(notification(FIELDS, Severity.HIGH, "idem-43"));
        assertEquals(2, snow.records().size());
    }

    @Test
    void deliveriesWithTheSameGroupKeyPatchOneIncidentCorrelatedByTheGroup() throws Exception {
        ServiceNowSink sink = sink(config(snow.url()));
        String grouped = FIELDS.replace("{", "{\"group_key\":\"finding-7\",");
        sink.send(notification(grouped, Severity.HIGH, "idem-1"));
        sink.send(notification(grouped.replace("S3 bucket is public", "[resolved] S3 bucket is public"),
                Severity.LOW, "idem-2"));
        assertEquals(List.of(), snow.rejections());
        assertEquals(1, snow.records().size());
        String sysId = snow.records().keySet().iterator().next();
        assertEquals(List.of("GET /api/now/table/incident", "POST /api/now/table/incident",
                "GET /api/now/table/incident", "PATCH /api/now/table/incident/" + sysId), snow.requests());
        ObjectNode incident = snow.records().get(sysId);
        assertEquals("group:finding-7", incident.get("correlation_id").asText());
        assertFalse(incident.has("group_key"));
        assertEquals("[resolved] S3 bucket is public", incident.get("short_description").asText());
        assertEquals("3", incident.get("urgency").asText());

        sink.send(notification(FIELDS, Severity.HIGH, "idem-1"));
        assertEquals(2, snow.records().size());
        assertTrue(snow.records().values().stream().anyMatch(r -> r.get("correlation_id").asText().equals("idem-1")));
    }

    @Test
    void anUnsafeGroupKeyIsHashedAndABlankOneLeavesTheDeliveryItsOwnIncident() throws Exception {
        ServiceNowSink sink = sink(config(snow.url()));
        String group = "arn:aws:securityhub:eu-west-1:1:security-control/S3.8/finding/x y^z=" + "w".repeat(100);
        String grouped = FIELDS.replace("{", "{\"group_key\":\"" + group + "\",");
        sink.send(notification(grouped, Severity.HIGH, "k1"));
        sink.send(notification(grouped, Severity.HIGH, "k2"));
        assertEquals(1, snow.records().size());
        assertEquals("sha256:" + Text.sha256Hex("group:" + group),
                snow.records().values().iterator().next().get("correlation_id").asText());

        sink.send(notification(FIELDS.replace("{", "{\"group_key\":\" \","), Severity.HIGH, "k3"));
        assertEquals(2, snow.records().size());
        ObjectNode own = snow.records().values().stream()
                .filter(r -> r.get("correlation_id").asText().equals("k3")).findFirst().orElseThrow();
        assertFalse(own.has("group_key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "true", "[\"f-1\"]", "{\"id\":\"f-1\"}"})
    void aGroupKeyThatIsNotAStringFailsPermanentlyNamingTheField(String value) {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(config(snow.url()))
                .send(notification("{\"short_description\":\"s\",\"group_key\":" + value + "}", Severity.HIGH, "k")));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("group_key must be a string"), e.getMessage());
        assertEquals(List.of(), snow.requests());
    }

    @Test
    void looksUpByCorrelationIdWithJsonAcceptAndTheConfiguredCredentials() throws Exception {
        stub.reply(Reply.status(200, "{\"result\":[]}"));
        sink(config(stub.uri("").toString())).send(notification(FIELDS, Severity.HIGH, "idem-42"));
        Recorded get = stub.take();
        assertEquals("GET", get.method());
        assertEquals("/api/now/table/incident", get.uri().getPath());
        assertEquals("sysparm_query=correlation_id=idem-42&sysparm_fields=sys_id,number&sysparm_limit=1",
                get.uri().getQuery());
        assertEquals("application/json", get.header("Accept"));
        assertEquals(BASIC, get.header("Authorization"));
        Recorded post = stub.take();
        assertEquals("POST", post.method());
        assertEquals("application/json", post.header("Content-Type"));
        assertEquals("application/json", post.header("Accept"));
        assertEquals("Herald/dev", post.header("User-Agent"));
    }

    @Test
    void bearerAuthSendsTheOAuthToken() throws Exception {
        try (ServiceNowEmulator oauth = new ServiceNowEmulator("incident", "Bearer tok-123.abc")) {
            sink(Map.of("name", "snow", "instance", oauth.url(), "auth", "bearer", "token", "tok-123.abc"))
                    .send(notification(FIELDS, Severity.LOW, "k"));
            assertEquals(List.of(), oauth.rejections());
            assertEquals("3", oauth.records().values().iterator().next().get("urgency").asText());
        }
    }

    @Test
    void anotherTableIsUsedForEveryCall() throws Exception {
        try (ServiceNowEmulator sir = new ServiceNowEmulator("sn_si_incident", BASIC)) {
            sink(config(sir.url(), "table", "sn_si_incident")).send(notification(FIELDS, Severity.MEDIUM, "k"));
            assertEquals(List.of(), sir.rejections());
            assertEquals(1, sir.records().size());
        }
    }

    @Test
    void anUnknownTableIsPermanentAndSaysSo() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(config(snow.url(), "table", "incidnet"))
                .send(notification(FIELDS, Severity.HIGH, "k")));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("table 'incidnet' not found on the instance"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid table incidnet"), e.getMessage());
    }

    @Test
    void wrongCredentialsArePermanentAndNeverEchoTheSecret() {
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(config(snow.url(), "password", "wrong"))
                .send(notification(FIELDS, Severity.HIGH, "k")));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("User Not Authenticated")
                && e.getMessage().contains("check username and password"), e.getMessage());

        stub.reply(Reply.status(401, "{\"error\":{\"message\":\"bad password " + PASSWORD + "\"},\"status\":\"failure\"}"));
        DeliveryException echoed = failure(FIELDS);
        assertFalse(echoed.getMessage().contains(PASSWORD), echoed.getMessage());
    }

    @Test
    void forbiddenNamesTheRolesNeeded() {
        stub.reply(Reply.status(403, "{\"error\":{\"message\":\"Operation Failed\",\"detail\":\"ACL Exception Insert"
                + " Failed due to security constraints\"},\"status\":\"failure\"}"));
        DeliveryException e = failure(FIELDS);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("Operation Failed: ACL Exception Insert Failed due to security constraints"),
                e.getMessage());
        assertTrue(e.getMessage().contains("itil role"), e.getMessage());
    }

    @Test
    void aBadRequestIsPermanentWithServiceNowsMessageAndDetail() {
        stub.reply(Reply.status(400, "{\"error\":{\"message\":\"Invalid value for field\",\"detail\":\"urgency: 9\"},"
                + "\"status\":\"failure\"}"));
        DeliveryException e = failure(FIELDS);
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("ServiceNow rejected the request (HTTP 400) while looking up the"
                + " incident by correlation_id: Invalid value for field: urgency: 9"), e.getMessage());
    }

    @Test
    void rateLimitedIsRetryableAfterTheServersDelay() {
        stub.reply(Reply.status(429, "{\"error\":{\"message\":\"Too many requests\"}}", "Retry-After", "7"));
        DeliveryException e = failure(FIELDS);
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetryable(int status) {
        stub.reply(Reply.status(status, "<html>down</html>"));
        assertTrue(failure(FIELDS).isRetryable());
    }

    @Test
    void anHtmlPageWhereJsonWasExpectedIsRetryable() {
        stub.reply(Reply.status(200, "<html>Your instance is hibernating</html>"));
        DeliveryException e = failure(FIELDS);
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("hibernating"), e.getMessage());
    }

    @Test
    void anIncidentDeletedSinceTheLookupIsCreatedAgain() throws Exception {
        snow.deletedSinceLookup("k", "b".repeat(32));
        sink(config(snow.url())).send(notification(FIELDS, Severity.HIGH, "k"));
        assertEquals(List.of("GET /api/now/table/incident", "PATCH /api/now/table/incident/" + "b".repeat(32),
                "POST /api/now/table/incident"), snow.requests());
        assertEquals(1, snow.records().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1, 2]",
        "{}",
        "{\"short_description\":\"s\",\"correlation_id\":\"mine\"}",
        "{\"short_description\":\"s\",\"work_notes\":[\"a\"]}",
        "{\"short_description\":{\"a\":1}}"})
    void aRenderedBodyThatIsNotFlatFieldsFailsPermanentlyWithoutBeingSent(String body) {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(config(snow.url())).send(notification(body, Severity.HIGH, "k")));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("the rendered template is not a set of ServiceNow fields: "), e.getMessage());
        assertEquals(List.of(), snow.requests());
    }

    @Test
    void aLongShortDescriptionIsCutAndAnUnsafeKeyIsHashed() throws Exception {
        String key = "a^b=c " + "x".repeat(200);
        ServiceNowSink sink = sink(config(snow.url()));
        sink.send(notification(FIELDS.replace("S3 bucket is public", "y".repeat(300)), Severity.HIGH, key));
        sink.send(notification(FIELDS, Severity.HIGH, key));
        assertEquals(1, snow.records().size());
        ObjectNode incident = snow.records().values().iterator().next();
        assertTrue(incident.get("correlation_id").asText().matches("sha256:[0-9a-f]{64}"));
        sink.send(notification(FIELDS.replace("S3 bucket is public", "z".repeat(300)), Severity.HIGH, "k2"));
        snow.records().values().stream().filter(r -> r.get("correlation_id").asText().equals("k2"))
                .forEach(r -> assertEquals(160, r.get("short_description").asText().length()));
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL,1,1", "HIGH,1,2", "MEDIUM,2,2", "LOW,3,3", "INFO,3,3"})
    void withoutUrgencyAndImpactTheSeverityIsMapped(Severity severity, String urgency, String impact) {
        assertEquals(urgency, IncidentFields.urgency(severity));
        assertEquals(impact, IncidentFields.impact(severity));
    }

    @ParameterizedTest
    @CsvSource({"acme,https://acme.service-now.com", "acme.servicenowservices.com,https://acme.servicenowservices.com",
            "https://snow.internal.example:8443,https://snow.internal.example:8443",
            "https://snow.internal.example:8443/,https://snow.internal.example:8443",
            "http://127.0.0.1:9999,http://127.0.0.1:9999"})
    void theInstanceIsANameAHostOrAUrl(String instance, String expected) {
        assertEquals(URI.create(expected), InstanceUrl.parse(instance));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "instance|''|instance is required",
        "instance|ftp://acme.example|must be an http:// or https:// URL with a host",
        "instance|https://acme.service-now.com/api/now|without a path",
        "instance|https://u:p@acme.service-now.com|must not carry credentials",
        "auth|oauth|auth 'oauth' is not supported",
        "password|''|username and password are required for auth = basic",
        "token|abc|token is set but auth is basic",
        "table|Incident;drop|table 'Incident;drop' is not a ServiceNow table name",
        "rate|-1|rate must be 0",
        "name|''|name is required",
        "read_timeout|-5|read_timeout must be a positive number"})
    void invalidConfigurationFailsActivationNamingTheProperty(String key, String value, String message) {
        Map<String, Object> properties = config("acme", key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink(properties));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void bearerNeedsAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink(Map.of("name", "snow", "instance", "acme", "auth", "bearer")));
        assertTrue(e.getMessage().contains("token is required for auth = bearer"), e.getMessage());
    }

    @Test
    void theDefaultsAreBasicAuthTheIncidentTableAndTwoASecond() {
        ServiceNowSink.Config config = SinkConfig.of(ServiceNowSink.Config.class, config("acme")).get();
        assertEquals("basic", config.auth());
        assertEquals("incident", config.table());
        assertEquals(2, config.rate());
        sink(config("acme"));
    }
}
