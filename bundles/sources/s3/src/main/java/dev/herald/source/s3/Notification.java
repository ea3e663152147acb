package dev.herald.source.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an SQS message announces. Understood bodies:
 * <ul>
 *   <li>an S3 event notification ({@code {"Records":[{"eventSource":"aws:s3","eventName":
 *       "ObjectCreated:…","s3":{"bucket":{"name":…},"object":{"key":…}}}]}}); keys are
 *       URL-encoded there ({@code +} is a space); other events (ObjectRemoved, …) announce
 *       nothing;</li>
 *   <li>the same inside an SNS notification ({@code {"Type":"Notification","Message":"<JSON>"}});</li>
 *   <li>an EventBridge {@code Object Created} event from {@code aws.s3} ({@code detail.bucket.name},
 *       {@code detail.object.key}, not encoded);</li>
 *   <li>CloudTrail's own SNS notification ({@code {"s3Bucket":…,"s3ObjectKey":[…]}});</li>
 *   <li>S3's {@code s3:TestEvent}, sent when notifications are configured: it announces nothing.</li>
 * </ul>
 *
 * @param objects the objects, possibly none
 */
record Notification(List<ObjectRef> objects) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException saying why when the body is none of the above
     */
    static Notification parse(String body) {
        return parse(json(body, "the message body"));
    }

    private static Notification parse(JsonNode body) {
        if ("Notification".equals(body.path("Type").asText()) && body.path("Message").isTextual()) {
            return parse(json(body.get("Message").asText(), "the SNS notification's Message"));
        }
        if ("s3:TestEvent".equals(body.path("Event").asText())) {
            return new Notification(List.of());
        }
        if (body.path("Records").isArray()) {
            return s3Event(body.get("Records"));
        }
        if ("aws.s3".equals(body.path("source").asText()) && body.has("detail-type")) {
            return eventBridge(body);
        }
        if (body.path("s3Bucket").isTextual() && body.path("s3ObjectKey").isArray()) {
            List<ObjectRef> objects = new ArrayList<>();
            body.get("s3ObjectKey").forEach(key -> objects.add(new ObjectRef(body.get("s3Bucket").asText(), key.asText())));
            return new Notification(List.copyOf(objects));
        }
        throw new IllegalArgumentException("not an S3 event notification (Records), an SNS notification, an"
                + " EventBridge S3 event or a CloudTrail notification");
    }

    private static Notification s3Event(JsonNode records) {
        List<ObjectRef> objects = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asText("");
            String key = record.path("s3").path("object").path("key").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw new IllegalArgumentException("an S3 event record lacks s3.bucket.name or s3.object.key");
            }
            objects.add(new ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
        }
        return new Notification(List.copyOf(objects));
    }

    private static Notification eventBridge(JsonNode event) {
        if (!"Object Created".equals(event.path("detail-type").asText())) {
            return new Notification(List.of());
        }
        String bucket = event.path("detail").path("bucket").path("name").asText("");
        String key = event.path("detail").path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("an EventBridge Object Created event lacks detail.bucket.name or"
                    + " detail.object.key");
        }
        return new Notification(List.of(new ObjectRef(bucket, key)));
    }

    private static JsonNode json(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }
}
