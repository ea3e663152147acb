package dev.herald.sink.sns;

import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process Amazon SNS for the Query protocol (API version 2010-03-31): checks each request's
 * SigV4 signature and form the way SNS does, keeps what it publishes, and answers with SNS's XML,
 * including its errors. {@link #failWith} and {@link #failEntries} play back SNS's failures.
 */
final class SnsEmulator implements AutoCloseable {
    static final String ACCESS_KEY_ID = "AKIAHERALDTEST";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:security-alerts";
    static final String FIFO_TOPIC = "arn:aws:sns:eu-west-1:123456789012:security-alerts.fifo";
    private static final String XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final int MAX_BYTES = 256 * 1024;

    /** A message SNS accepted. */
    record Published(String topicArn, String phoneNumber, String subject, String message,
                     Map<String, String> attributes, String messageGroupId, String deduplicationId) {
    }

    /** One Query-protocol call as SNS parsed it: its action and how many messages it carried. */
    record Call(String action, String region, int entries) {
    }

    private final StubHttpServer server = StubHttpServer.http();
    private final SigV4Verifier signatures = new SigV4Verifier(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    private final Set<String> topics = Set.of(TOPIC, FIFO_TOPIC);
    private final List<Published> published = Collections.synchronizedList(new ArrayList<>());
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rejections = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile Reply failure;
    private final AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
    private volatile Function<Published, String> entryFailure = p -> null;

    SnsEmulator() {
        server.respond(this::answer);
    }

    String endpoint() {
        return server.uri("").toString();
    }

    /** Every following call fails with this SNS error (status, code, message). */
    void failWith(int status, String code, String message) {
        failure = error(status, code, message);
    }

    /** As {@link #failWith}, with a Retry-After header. */
    void failWith(int status, String code, String message, String retryAfter) {
        failure = error(status, code, message).withHeader("Retry-After", retryAfter);
    }

    /** The failure set by {@link #failWith} ends after {@code calls} more calls. */
    void recoverAfter(int calls) {
        failuresLeft.set(calls);
    }

    /** In PublishBatch calls, the entries for which {@code code} returns an error code fail with it. */
    void failEntries(Function<Published, String> code) {
        entryFailure = code;
    }

    List<Published> published() {
        return List.copyOf(published);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The requests SNS refused as malformed or unsigned, with why: a correct sink causes none. */
    List<String> rejections() {
        return List.copyOf(rejections);
    }

    @Override
    public void close() {
        server.close();
    }

    private Reply answer(Recorded request) {
        SigV4Verifier.Verdict signature = signatures.verify(request);
        if (signature.error() != null) {
            rejections.add("signature: " + signature.error());
            return error(403, signature.error(), "The request signature we calculated does not match the signature"
                    + " you provided.");
        }
        if (!request.method().equals("POST")
                || !"application/x-www-form-urlencoded; charset=utf-8".equals(request.header("Content-Type"))) {
            rejections.add("not a form POST: " + request.method() + " " + request.header("Content-Type"));
            return error(400, "InvalidParameter", "Expected a form-encoded POST");
        }
        Map<String, String> form = form(request.bodyText());
        if (!"2010-03-31".equals(form.get("Version"))) {
            rejections.add("Version " + form.get("Version"));
            return error(400, "InvalidParameter", "Unsupported Version");
        }
        String action = form.get("Action");
        Reply failing = failure;
        if (failing != null && failuresLeft.getAndDecrement() > 0) {
            calls.add(new Call(action, signature.region(), 0));
            return failing;
        }
        try {
            return switch (String.valueOf(action)) {
                case "Publish" -> publish(form, signature.region());
                case "PublishBatch" -> publishBatch(form, signature.region());
                default -> throw new Rejected(400, "InvalidAction", "Could not find operation " + action);
            };
        } catch (Rejected r) {
            rejections.add(r.code + ": " + r.getMessage());
            return error(r.status, r.code, r.getMessage());
        }
    }

    private Reply publish(Map<String, String> form, String region) {
        String topic = form.get("TopicArn");
        String phone = form.get("PhoneNumber");
        if ((topic == null) == (phone == null)) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value"
                    + " for required parameter");
        }
        Published p = message(form, "", topic, phone);
        if (topic != null) {
            topic(topic, region);
        }
        check(p);
        calls.add(new Call("Publish", region, 1));
        published.add(p);
        return Reply.status(200, "<PublishResponse xmlns=\"" + XMLNS + "\"><PublishResult><MessageId>" + messageId()
                + "</MessageId></PublishResult>" + metadata() + "</PublishResponse>");
    }

    private Reply publishBatch(Map<String, String> form, String region) {
        String topic = form.get("TopicArn");
        topic(topic, region);
        List<String> ids = new ArrayList<>();
        List<Published> entries = new ArrayList<>();
        int bytes = 0;
        for (int n = 1; form.containsKey("PublishBatchRequestEntries.member." + n + ".Id"); n++) {
            String prefix = "PublishBatchRequestEntries.member." + n + ".";
            ids.add(form.get(prefix + "Id"));
            Published p = message(form, prefix, topic, null);
            entries.add(p);
            bytes += size(p);
        }
        if (entries.isEmpty()) {
            throw new Rejected(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > 10) {
            throw new Rejected(400, "TooManyEntriesInBatchRequest", "The batch request contains more entries than"
                    + " permissible.");
        }
        if (bytes > MAX_BYTES) {
            throw new Rejected(400, "BatchRequestTooLong", "The length of all the messages put together is more"
                    + " than the limit.");
        }
        if (Set.copyOf(ids).size() != ids.size()) {
            throw new Rejected(400, "BatchEntryIdsNotDistinct", "Two or more batch entries have the same Id.");
        }
        calls.add(new Call("PublishBatch", region, entries.size()));
        StringBuilder successful = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            Published p = entries.get(i);
            String code;
            String message;
            try {
                check(p);
                code = entryFailure.apply(p);
                message = code == null ? null : "Entry failed: " + code;
            } catch (Rejected r) {
                code = r.code;
                message = r.getMessage();
            }
            if (code == null) {
                published.add(p);
                successful.append("<member><Id>").append(ids.get(i)).append("</Id><MessageId>").append(messageId())
                        .append("</MessageId></member>");
            } else {
                boolean senderFault = !code.equals("InternalError");
                failed.append("<member><Id>").append(ids.get(i)).append("</Id><Code>").append(code)
                        .append("</Code><Message>").append(message).append("</Message><SenderFault>")
                        .append(senderFault).append("</SenderFault></member>");
            }
        }
        return Reply.status(200, "<PublishBatchResponse xmlns=\"" + XMLNS + "\"><PublishBatchResult><Successful>"
                + successful + "</Successful><Failed>" + failed + "</Failed></PublishBatchResult>" + metadata()
                + "</PublishBatchResponse>");
    }

    /** The topic exists and the request was signed for its region. */
    private void topic(String topic, String region) {
        if (topic == null || !topics.contains(topic)) {
            throw new Rejected(404, "NotFound", "Topic does not exist");
        }
        if (!topic.split(":")[3].equals(region)) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: TopicArn");
        }
    }

    /** SNS's rules for one message. */
    private static void check(Published p) {
        if (p.message() == null || p.message().isEmpty()) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        if (size(p) > MAX_BYTES) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: Message too long");
        }
        if (p.subject() != null && (p.subject().length() >= 100 || !p.subject().matches("[\\x20-\\x7e]+")
                || !Character.isLetterOrDigit(p.subject().charAt(0)) && !p.subject().matches("^\\p{Punct}.*"))) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: Subject");
        }
        boolean fifo = p.topicArn() != null && p.topicArn().endsWith(".fifo");
        if (fifo && (p.messageGroupId() == null || p.deduplicationId() == null)) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required"
                    + " for FIFO topics / no content-based deduplication");
        }
        if (!fifo && p.deduplicationId() != null) {
            throw new Rejected(400, "InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The"
                    + " request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        for (String id : new String[] {p.messageGroupId(), p.deduplicationId()}) {
            if (id != null && !id.matches("[\\p{Alnum}\\p{Punct}]{1,128}")) {
                throw new Rejected(400, "InvalidParameter", "Invalid parameter: a FIFO id");
            }
        }
    }

    private static Published message(Map<String, String> form, String prefix, String topic, String phone) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int n = 1; form.containsKey(prefix + "MessageAttributes.entry." + n + ".Name"); n++) {
            String entry = prefix + "MessageAttributes.entry." + n + ".";
            if (!"String".equals(form.get(entry + "Value.DataType"))) {
                throw new Rejected(400, "ParameterValueInvalid", "The message attribute has an invalid type");
            }
            String value = form.get(entry + "Value.StringValue");
            if (value == null || value.isEmpty()) {
                throw new Rejected(400, "ParameterValueInvalid", "The message attribute has an empty value");
            }
            attributes.put(form.get(entry + "Name"), value);
        }
        return new Published(topic, phone, form.get(prefix + "Subject"), form.get(prefix + "Message"), attributes,
                form.get(prefix + "MessageGroupId"), form.get(prefix + "MessageDeduplicationId"));
    }

    private static int size(Published p) {
        int size = utf8(p.message()) + utf8(p.subject());
        for (Map.Entry<String, String> a : p.attributes().entrySet()) {
            size += utf8(a.getKey()) + utf8("String") + utf8(a.getValue());
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private String messageId() {
        return new UUID(0x5e5, messageIds.incrementAndGet()).toString();
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private static Reply error(int status, String code, String message) {
        String type = status >= 500 ? "Receiver" : "Sender";
        return Reply.status(status, "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>" + type + "</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>", "Content-Type", "text/xml");
    }

    /** A request SNS refuses. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Rejected(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
