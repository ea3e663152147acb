package dev.herald.sink.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.DeliveryException;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.text.Text;
import dev.herald.aws.AwsConnection;
import dev.herald.testkit.sink.SinkConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SnsSink} against {@link SnsEmulator}: what it publishes, how it batches, how it classifies failures. */
class SnsSinkTest {
    @TempDir
    Path overrides;

    private final SnsEmulator sns = new SnsEmulator();
    private final List<SnsSink> sinks = new ArrayList<>();

    @AfterEach
    void stop() {
        sinks.forEach(SnsSink::close);
        sns.close();
    }

    /** A topic sink's properties, with static keys and the emulator as endpoint. */
    static Map<String, Object> config(String endpoint, String topicArn) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "alerts");
        p.put("topic_arn", topicArn);
        p.put("endpoint", endpoint);
        p.put("credentials", "static");
        p.put("access_key_id", SnsEmulator.ACCESS_KEY_ID);
        p.put("secret_access_key", SnsEmulator.SECRET_ACCESS_KEY);
        return p;
    }

    /** The sink as DS builds it: Config and AwsConnection from the same properties. */
    static SnsSink sink(Map<String, Object> properties) {
        return SinkConfig.of(SnsSink.Config.class, properties).activate(SnsSink.class);
    }

    private SnsSink started(Map<String, Object> properties) {
        SnsSink sink = sink(properties);
        sinks.add(sink);
        return sink;
    }

    static Notification notification(String key, String subject, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("subject", subject).put("message", message);
        Event event = Event.builder().id("ev-" + key).source("cloudtrail").instance("prod").type("ConsoleLogin")
                .time(Instant.parse("2026-11-22T10:58:04Z")).severity(Severity.HIGH)
                .detail(JsonNodeFactory.instance.objectNode().put("eventName", "ConsoleLogin")).raw("{}").build();
        return new Notification(event, "route", "alerts", Severity.CRITICAL, body.toString(), 1, key);
    }

    private static List<Notification> notifications(int count, int messageChars) {
        List<Notification> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(notification("key-" + i, "Subject " + i, i + ":" + "x".repeat(messageChars)));
        }
        return batch;
    }

    @Test
    void publishesToTheTopicSignedForItsRegionWithSubjectAndFilterAttributes() throws Exception {
        started(config(sns.endpoint(), SnsEmulator.TOPIC)).send(notification("k1", "[CRITICAL] cloudtrail ConsoleLogin",
                "{\"herald\":{\"id\":\"ev-k1\"}}"));

        assertEquals(List.of(), sns.rejections());
        SnsEmulator.Published p = sns.published().get(0);
        assertEquals(SnsEmulator.TOPIC, p.topicArn());
        assertEquals("[CRITICAL] cloudtrail ConsoleLogin", p.subject());
        assertEquals("{\"herald\":{\"id\":\"ev-k1\"}}", p.message());
        assertEquals(Map.of("herald.event_type", "ConsoleLogin", "herald.severity", Severity.CRITICAL.label(),
                "herald.source", "cloudtrail"), p.attributes());
        assertNull(p.messageGroupId());
        assertNull(p.deduplicationId());
        // region empty in the configuration: the ARN's region signs the request
        assertEquals(new SnsEmulator.Call("Publish", "eu-west-1", 1), sns.calls().get(0));
    }

    @Test
    void aMessageWrittenAsJsonIsPublishedAsCompactJson() throws Exception {
        String body = "{\"subject\": \"s\", \"message\": {\"herald\": {\"id\": \"e1\"}, \"record\": [1, \"two\"]}}";
        Notification n = notification("k", "s", "m");
        started(config(sns.endpoint(), SnsEmulator.TOPIC)).send(new Notification(n.event(), n.route(), n.sink(),
                n.severity(), body, 1, "k"));

        assertEquals("{\"herald\":{\"id\":\"e1\"},\"record\":[1,\"two\"]}", sns.published().get(0).message());
    }

    @Test
    void theSubjectIsMadeWhatSnsAcceptsOrLeftOut() throws Exception {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.TOPIC));
        sink.send(notification("k1", "  Café\nline\t\u0007 break " + "y".repeat(200), "m"));
        sink.send(notification("k2", "\n\u0001 ", "m"));
        Map<String, Object> noSubject = config(sns.endpoint(), SnsEmulator.TOPIC);
        noSubject.put("subject", false);
        started(noSubject).send(notification("k3", "Subject", "m"));

        assertEquals(List.of(), sns.rejections());
        String subject = sns.published().get(0).subject();
        assertTrue(subject.startsWith("Cafe line break yyy"), subject);
        assertTrue(subject.length() < 100 && subject.endsWith("..."), subject);
        assertNull(sns.published().get(1).subject());
        assertNull(sns.published().get(2).subject());
    }

    @Test
    void smsGoesToThePhoneNumberWithoutSubjectAndOneByOne() throws Exception {
        Map<String, Object> p = config(sns.endpoint(), "");
        p.put("phone_number", "+14155550100");
        p.put("region", "us-east-1");
        SnsSink sink = started(p);

        assertEquals(Map.of(), sink.sendBatch(notifications(3, 10)));

        assertEquals(List.of(), sns.rejections());
        assertEquals(3, sns.published().size());
        assertEquals("+14155550100", sns.published().get(0).phoneNumber());
        assertNull(sns.published().get(0).topicArn());
        assertNull(sns.published().get(0).subject());
        assertEquals(List.of("Publish", "Publish", "Publish"), sns.calls().stream().map(SnsEmulator.Call::action).toList());
        assertEquals("us-east-1", sns.calls().get(0).region());
    }

    @Test
    void fifoMessagesCarryTheGroupAndTheIdempotencyKeyAsDeduplicationId() throws Exception {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.FIFO_TOPIC));
        String longKey = "route/sink/" + "é".repeat(130);
        sink.send(notification("ev-1@route/alerts", "s", "m"));
        sink.sendBatch(List.of(notification(longKey, "s", "m")));
        Map<String, Object> grouped = config(sns.endpoint(), SnsEmulator.FIFO_TOPIC);
        grouped.put("message_group_id", "prod-alerts");
        started(grouped).send(notification("k", "s", "m"));

        assertEquals(List.of(), sns.rejections());
        assertEquals("herald", sns.published().get(0).messageGroupId());
        assertEquals("ev-1@route/alerts", sns.published().get(0).deduplicationId());
        assertEquals(Text.sha256Hex(longKey), sns.published().get(1).deduplicationId());
        assertEquals("prod-alerts", sns.published().get(2).messageGroupId());
    }

    @Test
    void aBatchIsSplitIntoCallsOfAtMostTenEntriesInOrder() throws Exception {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.FIFO_TOPIC));
        assertEquals(10, sink.maxBatchSize());

        assertEquals(Map.of(), sink.sendBatch(notifications(25, 10)));

        assertEquals(List.of(), sns.rejections());
        assertEquals(List.of(10, 10, 5), sns.calls().stream().map(SnsEmulator.Call::entries).toList());
        assertEquals(25, sns.published().size());
        for (int i = 0; i < 25; i++) {
            assertEquals("key-" + i, sns.published().get(i).deduplicationId());
        }
    }

    @Test
    void aBatchIsSplitToStayUnder256KiBPerCall() throws Exception {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.TOPIC));

        assertEquals(Map.of(), sink.sendBatch(notifications(10, 60_000)));

        assertEquals(List.of(), sns.rejections());
        assertEquals(List.of(4, 4, 2), sns.calls().stream().map(SnsEmulator.Call::entries).toList());
        assertEquals(10, sns.published().size());
    }

    @Test
    void aMessageTooLargeForSnsFailsAloneAndPermanently() throws Exception {
        List<Notification> batch = new ArrayList<>(notifications(2, 10));
        batch.add(notification("huge", "s", "x".repeat(SnsMessage.MAX_BYTES)));

        Map<String, DeliveryException> failures = started(config(sns.endpoint(), SnsEmulator.TOPIC)).sendBatch(batch);

        assertEquals(List.of("huge"), List.copyOf(failures.keySet()));
        assertFalse(failures.get("huge").isRetryable());
        assertTrue(failures.get("huge").getMessage().contains("shorten the template"), failures.get("huge").getMessage());
        assertEquals(2, sns.published().size());
    }

    @Test
    void entriesSnsRefusesComeBackClassifiedAndTheOthersArePublished() throws Exception {
        sns.failEntries(p -> switch (p.message().substring(0, p.message().indexOf(':'))) {
            case "1" -> "InvalidParameter";
            case "2" -> "InternalError";
            case "3" -> "Throttled";
            default -> null;
        });

        Map<String, DeliveryException> failures = started(config(sns.endpoint(), SnsEmulator.TOPIC))
                .sendBatch(notifications(5, 10));

        assertEquals(2, sns.published().size());
        assertEquals(3, failures.size());
        assertFalse(failures.get("key-1").isRetryable());
        assertTrue(failures.get("key-1").getMessage().contains("InvalidParameter"), failures.get("key-1").getMessage());
        assertTrue(failures.get("key-2").isRetryable());
        assertTrue(failures.get("key-3").isRetryable());
    }

    @Test
    void throttlingIsRetryableOnceTheSdkGaveUp() {
        sns.failWith(400, "Throttling", "Rate exceeded");

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> started(config(sns.endpoint(), SnsEmulator.TOPIC)).send(notification("k", "s", "m")));

        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("Throttling") && e.getMessage().contains("Rate exceeded"), e.getMessage());
        // the SDK's standard retry mode tried 3 times before the failure reached the sink
        assertEquals(3, sns.calls().size());
    }

    @Test
    void throttlingOfOneCallIsRetriedByTheSdkAndSucceeds() throws Exception {
        sns.failWith(400, "Throttling", "Rate exceeded");
        sns.failEntries(p -> null);
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.TOPIC));
        sns.recoverAfter(1);

        assertEquals(Map.of(), sink.sendBatch(notifications(3, 5)));

        assertEquals(3, sns.published().size());
    }

    @ParameterizedTest
    @CsvSource({
            "403, AuthorizationError, User is not authorized to perform: SNS:Publish, false",
            "404, NotFound, Topic does not exist, false",
            "400, InvalidParameter, Invalid parameter: Message, false",
            "500, InternalError, Internal Error, true"})
    void snsErrorsAreClassifiedWithAwsMessage(int status, String code, String message, boolean retryable) {
        sns.failWith(status, code, message);
        Map<String, Object> p = config(sns.endpoint(), SnsEmulator.TOPIC);
        p.put("retry_mode", "legacy");
        SnsSink sink = started(p);

        DeliveryException single = assertThrows(DeliveryException.class, () -> sink.send(notification("k", "s", "m")));
        DeliveryException batch = assertThrows(DeliveryException.class, () -> sink.sendBatch(notifications(3, 5)));

        for (DeliveryException e : List.of(single, batch)) {
            assertEquals(retryable, e.isRetryable(), e.getMessage());
            assertTrue(e.getMessage().contains(code) && e.getMessage().contains(message), e.getMessage());
            assertTrue(e.getMessage().contains(SnsEmulator.TOPIC), e.getMessage());
            assertFalse(e.getMessage().contains(SnsEmulator.SECRET_ACCESS_KEY), e.getMessage());
        }
    }

    @Test
    void aCallFailingAfterAnEarlierOneSucceededFailsOnlyItsOwnEntries() throws Exception {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.TOPIC));
        List<Notification> batch = notifications(4, 100_000);
        // the first call (2 entries) is published; then SNS denies access
        sns.failEntries(p -> {
            if (sns.published().size() >= 1) {
                sns.failWith(403, "AuthorizationError", "not authorized");
            }
            return null;
        });

        Map<String, DeliveryException> failures = sink.sendBatch(batch);

        assertEquals(2, sns.published().size());
        assertEquals(List.of("key-2", "key-3"), failures.keySet().stream().sorted().toList());
        assertFalse(failures.get("key-2").isRetryable());
    }

    @Test
    void aWrongSecretKeyIsPermanentWithAHint() {
        Map<String, Object> p = config(sns.endpoint(), SnsEmulator.TOPIC);
        p.put("secret_access_key", "not-the-secret");

        DeliveryException e = assertThrows(DeliveryException.class,
                () -> started(p).send(notification("k", "s", "m")));

        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
        assertEquals(List.of("signature: SignatureDoesNotMatch"), sns.rejections());
    }

    @Test
    void aBodyThatIsNotTheTemplateShapeIsPermanent() {
        SnsSink sink = started(config(sns.endpoint(), SnsEmulator.TOPIC));
        Notification n = notification("k", "s", "m");
        for (String body : List.of("not json", "{\"subject\": \"s\"}", "{\"message\": \"  \"}")) {
            DeliveryException e = assertThrows(DeliveryException.class, () -> sink.send(new Notification(n.event(),
                    n.route(), n.sink(), n.severity(), body, 1, "k")));
            assertFalse(e.isRetryable(), body);
        }
        assertEquals(List.of(), sns.calls());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "topic_arn=|set exactly one of topic_arn",
            "phone_number=+14155550100|both are set",
            "topic_arn=arn:aws:sqs:eu-west-1:123456789012:queue|topic_arn 'arn:aws:sqs",
            "topic_arn=arn:aws:sns:eu-west-1:1234:alerts|is not an SNS topic ARN",
            "topic_arn=;phone_number=555-0100|phone_number '555-0100' is not an E.164 number",
            "topic_arn=arn:aws:sns:eu-west-1:123456789012:a.fifo;message_group_id=has space|message_group_id 'has space'",
            "region=us-east-1|region us-east-1 is not the topic's region eu-west-1",
            "format=../x|format '../x' is not a template set name",
            "rate=-1|rate must be 0",
            "name=|name is required",
            "credentials=static;access_key_id=|access_key_id"})
    void invalidConfigurationFailsNamingTheProperty(String settings, String expected) {
        Map<String, Object> p = config(sns.endpoint(), SnsEmulator.TOPIC);
        for (String setting : settings.split(";")) {
            String[] kv = setting.split("=", 2);
            p.put(kv[0], kv[1]);
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> started(p));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void smsWithoutAnyRegionFailsNamingRegion() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null, "this machine has a default AWS region");
        Map<String, Object> p = config(sns.endpoint(), "");
        p.put("phone_number", "+14155550100");
        // the SDK's region chain then finds nothing: no profile file, and no EC2 metadata asked off loopback
        Map<String, String> chain = Map.of("aws.configFile", overrides.resolve("missing").toString(),
                "aws.disableEc2Metadata", "true");
        chain.forEach(System::setProperty);

        IllegalArgumentException e;
        try {
            e = assertThrows(IllegalArgumentException.class, () -> started(p));
        } finally {
            chain.keySet().forEach(System::clearProperty);
        }

        assertTrue(e.getMessage().contains("region is required for phone_number"), e.getMessage());
    }

    @Test
    void aMessageGroupIdOnAStandardTopicIsIgnored() throws Exception {
        Map<String, Object> p = config(sns.endpoint(), SnsEmulator.TOPIC);
        p.put("message_group_id", "unused");
        started(p).send(notification("k", "s", "m"));

        assertEquals(List.of(), sns.rejections());
        assertNull(sns.published().get(0).messageGroupId());
    }
}
