package dev.herald.sink.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JiraSinkTest {
    static final String EMAIL = "herald@example.com";
    static final String TOKEN = "ATATT3xFfGF0-secret-token";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUE = "{\"summary\":\"S3 bucket is public\",\"description\":\"First paragraph\\n"
            + "second line\\n\\nSecond paragraph\",\"details\":{\"Id\":\"f-1\"},\"labels\":[\"aws account\"]}";

    private final StubHttpServer stub = StubHttpServer.http();
    private JiraEmulator jira;

    @AfterEach
    void stop() {
        stub.close();
        if (jira != null) {
            jira.close();
        }
    }

    static JiraSink sink(Map<String, Object> properties) {
        return SinkConfig.of(JiraSink.Config.class, properties).activate(JiraSink.class, HttpClients.standalone());
    }

    static Map<String, Object> config(String baseUrl, Object... keyValues) {
        return SinkConfig.properties(Map.of("name", "jira", "base_url", baseUrl, "project", "SEC",
                "username", EMAIL, "token", TOKEN), keyValues);
    }

    static Notification notification(String body, Severity severity, String key) {
        Event event = Event.builder().id("ev-1").source("securityhub").instance("org").type("Finding")
                .severity(severity).build();
        return new Notification(event, "findings", "jira", severity, body, 1, key);
    }

    private JiraEmulator cloud() {
        jira = new JiraEmulator(true, BASIC, "SEC");
        return jira;
    }

    @Test
    void cloudCreatesAnIssueWithAnAdfDescriptionMappedPriorityAndMergedLabels() throws Exception {
        sink(config(cloud().baseUrl(), "labels", "security, herald"))
                .send(notification(ISSUE, Severity.CRITICAL, KEY));
        assertEquals(List.of(), jira.violations());
        JsonNode fields = jira.issues().get("SEC-1");
        assertEquals("SEC", fields.at("/project/key").asText());
        assertEquals("Task", fields.at("/issuetype/name").asText());
        assertEquals("S3 bucket is public", fields.get("summary").asText());
        assertEquals("Highest", fields.at("/priority/name").asText());
        assertEquals("[\"security\",\"herald\",\"aws_account\",\"herald-0123456789abcdef\"]",
                fields.get("labels").toString());
        JsonNode doc = fields.get("description");
        assertEquals("doc", doc.get("type").asText());
        assertEquals(1, doc.get("version").asInt());
        assertEquals("First paragraph", doc.at("/content/0/content/0/text").asText());
        assertEquals("hardBreak", doc.at("/content/0/content/1/type").asText());
        assertEquals("second line", doc.at("/content/0/content/2/text").asText());
        assertEquals("Second paragraph", doc.at("/content/1/content/0/text").asText());
        assertEquals("codeBlock", doc.at("/content/2/type").asText());
        assertEquals("f-1", JSON.readTree(doc.at("/content/2/content/0/text").asText()).get("Id").asText());
        assertEquals(List.of("project = \"SEC\" AND labels = \"herald-0123456789abcdef\" AND statusCategory != Done"),
                jira.searches());
    }

    @Test
    void configuredLabelsMayBeAnArray() throws Exception {
        sink(config(cloud().baseUrl(), "labels", new String[] {"security", "soc team"}))
                .send(notification(ISSUE, Severity.HIGH, KEY));
        assertEquals("[\"security\",\"soc_team\",\"aws_account\",\"herald-0123456789abcdef\"]",
                jira.issues().get("SEC-1").get("labels").toString());
    }

    @Test
    void aSecondDeliveryOfTheSameKeyCommentsOnTheOpenIssueAndANewOneOnceItIsDone() throws Exception {
        JiraSink sink = sink(config(cloud().baseUrl()));
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        assertEquals(List.of(), jira.violations());
        assertEquals(1, jira.issues().size());
        assertEquals(1, jira.comments().size());
        JsonNode comment = jira.comments().get(0);
        assertEquals("doc", comment.get("type").asText());
        assertTrue(comment.at("/content/0/content/0/text").asText().startsWith("Herald delivered this event again"));

        sink.send(notification(ISSUE, Severity.HIGH, "fedcba9876543210fedcba9876543210"));
        assertEquals(2, jira.issues().size());
        jira.resolve("SEC-1");
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        assertEquals(3, jira.issues().size());
        assertEquals(1, jira.comments().size());
    }

    @Test
    void deliveriesWithTheSameGroupKeyCommentOnTheGroupsOpenIssue() throws Exception {
        JiraSink sink = sink(config(cloud().baseUrl()));
        String grouped = ISSUE.replace("{\"summary\"", "{\"group_key\":\"finding-7\",\"summary\"");
        sink.send(notification(grouped, Severity.HIGH, KEY));
        sink.send(notification(grouped.replace("S3 bucket is public", "S3 bucket is private again"), Severity.LOW,
                "fedcba9876543210fedcba9876543210"));
        assertEquals(List.of(), jira.violations());
        assertEquals(1, jira.issues().size());
        assertEquals(List.of("SEC-1"), jira.commented());
        String groupLabel = "herald-" + Text.sha256Hex("group:finding-7").substring(0, 16);
        assertEquals(groupLabel, IssueRequests.groupLabel("finding-7"));
        assertEquals("[\"aws_account\",\"" + groupLabel + "\"]", jira.issues().get("SEC-1").get("labels").toString());
        String search = "project = \"SEC\" AND labels = \"" + groupLabel + "\" AND statusCategory != Done";
        assertEquals(List.of(search, search), jira.searches());
        String comment = jira.comments().get(0).at("/content/0/content/0/text").asText();
        assertTrue(comment.startsWith("Herald delivered an update of this issue's subject (route findings"), comment);
        assertTrue(comment.contains("S3 bucket is private again"), comment);

        jira.resolve("SEC-1");
        sink.send(notification(grouped, Severity.HIGH, "00000000000000000000000000000003"));
        assertEquals(2, jira.issues().size());
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        assertEquals(3, jira.issues().size());
        assertTrue(jira.issues().get("SEC-3").get("labels").toString().contains("herald-0123456789abcdef"));
    }

    @Test
    void withoutDedupeAGroupKeyIsIgnoredAndEachDeliveryKeepsItsOwnLabel() throws Exception {
        JiraSink sink = sink(config(cloud().baseUrl(), "dedupe", "false"));
        String grouped = ISSUE.replace("{\"summary\"", "{\"group_key\":\"finding-7\",\"summary\"");
        sink.send(notification(grouped, Severity.HIGH, KEY));
        sink.send(notification(grouped, Severity.HIGH, "fedcba9876543210fedcba9876543210"));
        assertEquals(2, jira.issues().size());
        assertEquals(List.of(), jira.searches());
        assertTrue(jira.issues().get("SEC-2").get("labels").toString().contains("herald-fedcba9876543210"));
    }

    @Test
    void aGroupKeyThatIsNotAStringIsPermanentAndNamesTheField() {
        JiraSink sink = sink(config(stub.uri("").toString()));
        for (String value : List.of("7", "true", "[\"f-1\"]", "{\"id\":\"f-1\"}")) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(notification(
                    "{\"summary\":\"s\",\"group_key\":" + value + "}", Severity.HIGH, KEY)));
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("group_key must be a string"), e.getMessage());
        }
        assertEquals(0, stub.pending());
    }

    @Test
    void dataCenterUsesV2WikiTextBearerTokenAndItsSearchPath() throws Exception {
        jira = new JiraEmulator(false, "Bearer " + TOKEN, "SEC");
        JiraSink sink = sink(config(jira.baseUrl(), "deployment", "datacenter", "auth", "bearer", "username", ""));
        sink.send(notification(ISSUE, Severity.LOW, KEY));
        sink.send(notification(ISSUE, Severity.LOW, KEY));
        assertEquals(List.of(), jira.violations());
        JsonNode fields = jira.issues().get("SEC-1");
        assertEquals("First paragraph\nsecond line\n\nSecond paragraph\n\n{code:json}\n{\n  \"Id\" : \"f-1\"\n}\n{code}",
                fields.get("description").asText());
        assertEquals("Low", fields.at("/priority/name").asText());
        assertEquals(1, jira.comments().size());
        assertTrue(jira.comments().get(0).asText().startsWith("Herald delivered this event again"));
    }

    @Test
    void withoutDedupeItNeverSearches() throws Exception {
        JiraSink sink = sink(config(cloud().baseUrl(), "dedupe", "false"));
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        sink.send(notification(ISSUE, Severity.HIGH, KEY));
        assertEquals(2, jira.issues().size());
        assertEquals(List.of(), jira.searches());
    }

    @Test
    void theTemplatesPriorityWinsAndAnEmptyMappingSendsNone() throws Exception {
        sink(config(cloud().baseUrl())).send(notification(ISSUE.replace("{\"summary\"", "{\"priority\":\"P1\",\"summary\""),
                Severity.INFO, KEY));
        assertEquals("P1", jira.issues().get("SEC-1").at("/priority/name").asText());
        sink(config(jira.baseUrl(), "priorities", "")).send(notification(ISSUE, Severity.INFO, "1111111111111111"));
        assertFalse(jira.issues().get("SEC-2").has("priority"));
    }

    @Test
    void sendsJsonWithAuthAndUserAgentUnderTheBaseUrlsContextPath() throws Exception {
        stub.reply(Reply.status(201, "{\"id\":\"10000\",\"key\":\"SEC-1\",\"self\":\"x\"}"));
        sink(config(stub.uri("/jira/").toString(), "dedupe", "false")).send(notification(ISSUE, Severity.HIGH, KEY));
        Recorded r = stub.take();
        assertEquals("POST", r.method());
        assertEquals("/jira/rest/api/3/issue", r.uri().getPath());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(BASIC, r.header("Authorization"));
        assertEquals("Herald/dev", r.header("User-Agent"));
    }

    private DeliveryException failure(Reply reply) {
        stub.reply(reply);
        JiraSink sink = sink(config(stub.uri("").toString(), "dedupe", "false"));
        return assertThrows(DeliveryException.class, () -> sink.send(notification(ISSUE, Severity.HIGH, KEY)));
    }

    @Test
    void aRejectedFieldIsPermanentAndSaysWhatToFix() {
        DeliveryException e = failure(Reply.status(400, "{\"errorMessages\":[],\"errors\":{\"priority\":"
                + "\"Field 'priority' cannot be set. It is not on the appropriate screen, or unknown.\"}}"));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("priority: Field 'priority' cannot be set"), e.getMessage());
        assertTrue(e.getMessage().contains("add Priority to the create screen of project SEC"), e.getMessage());
        assertTrue(e.getMessage().contains("set priorities empty"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"401,credentials were not accepted", "403,Create issues", "404,check that project SEC exists"})
    void authPermissionAndMissingProjectArePermanent(int status, String hint) {
        DeliveryException e = failure(Reply.status(status, "{\"errorMessages\":[\"denied\"],\"errors\":{}}"));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void rateLimitsAndOutagesAreRetryableHonouringRetryAfter() {
        DeliveryException limited = failure(Reply.status(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}",
                "Retry-After", "17"));
        assertTrue(limited.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(17)), limited.retryAfter());
        DeliveryException outage = failure(Reply.status(503, "<html>Service Unavailable</html>"));
        assertTrue(outage.isRetryable());
        assertTrue(outage.getMessage().contains("creating an issue in SEC"), outage.getMessage());
    }

    @Test
    void aBrokenTemplateIsPermanentAndNamesTheField() {
        JiraSink sink = sink(config(stub.uri("").toString()));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink.send(notification("{\"description\":\"x\"}", Severity.HIGH, KEY)));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("summary is required"), e.getMessage());
        DeliveryException reserved = assertThrows(DeliveryException.class, () -> sink.send(notification(
                "{\"summary\":\"s\",\"fields\":{\"project\":{\"key\":\"X\"}}}", Severity.HIGH, KEY)));
        assertTrue(reserved.getMessage().contains("fields must not set project"), reserved.getMessage());
        assertEquals(0, stub.pending());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "base_url|ftp://jira.example.com|base_url",
            "base_url|https://x.atlassian.net/rest/api/3|base_url",
            "project|Security Ops|project",
            "project|''|project is required",
            "deployment|onprem|deployment",
            "auth|oauth|auth",
            "token|''|token is required",
            "username|''|username is required",
            "priorities|urgent=Highest|priorities",
            "priorities|high|priorities",
            "issue_type|' '|issue_type",
            "rate|-1|rate"})
    void invalidConfigurationFailsActivationNamingTheProperty(String key, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink(config("https://example.atlassian.net", key, value)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void bearerRefusesAUsername() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sink(config("https://jira.example.com", "auth", "bearer")));
        assertTrue(e.getMessage().contains("username is set but auth is bearer"), e.getMessage());
    }

    @Test
    void aNonHexKeyIsHashedIntoTheLabel() {
        String label = IssueRequests.deliveryLabel("not-hex key");
        assertTrue(label.matches("herald-[0-9a-f]{16}"), label);
        assertEquals("herald-0123456789abcdef", IssueRequests.deliveryLabel(KEY.toUpperCase()));
    }
}
