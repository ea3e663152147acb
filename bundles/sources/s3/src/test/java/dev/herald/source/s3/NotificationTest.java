package dev.herald.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void anS3EventNotificationNamesItsCreatedObjectsWithDecodedKeys() {
        Notification n = Notification.parse("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"logs\"},\"object\":{\"key\":\"a/flow+summaries%3A1.jsonl.gz\"}}},"
                + "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"logs\"},"
                + "\"object\":{\"key\":\"gone.json\"}}}]}");
        assertEquals(List.of(new ObjectRef("logs", "a/flow summaries:1.jsonl.gz")), n.objects());
    }

    @Test
    void anSnsNotificationIsUnwrapped() {
        Notification n = Notification.parse("{\"Type\":\"Notification\",\"Message\":\"{\\\"Records\\\":[{\\\"eventName\\\":"
                + "\\\"ObjectCreated:CompleteMultipartUpload\\\",\\\"s3\\\":{\\\"bucket\\\":{\\\"name\\\":\\\"logs\\\"},"
                + "\\\"object\\\":{\\\"key\\\":\\\"x.json.gz\\\"}}}]}\"}");
        assertEquals(List.of(new ObjectRef("logs", "x.json.gz")), n.objects());
    }

    @Test
    void anEventBridgeObjectCreatedEventNamesItsObject() {
        Notification n = Notification.parse("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"detail\":"
                + "{\"bucket\":{\"name\":\"logs\"},\"object\":{\"key\":\"y.jsonl\"}}}");
        assertEquals(List.of(new ObjectRef("logs", "y.jsonl")), n.objects());
        assertEquals(List.of(), Notification.parse("{\"detail-type\":\"Object Deleted\",\"source\":\"aws.s3\","
                + "\"detail\":{}}").objects());
    }

    @Test
    void cloudTrailsOwnNotificationNamesEveryKey() {
        Notification n = Notification.parse("{\"s3Bucket\":\"trail\",\"s3ObjectKey\":[\"AWSLogs/1/a.json.gz\","
                + "\"AWSLogs/1/b.json.gz\"]}");
        assertEquals(List.of(new ObjectRef("trail", "AWSLogs/1/a.json.gz"), new ObjectRef("trail", "AWSLogs/1/b.json.gz")),
                n.objects());
    }

    @Test
    void theTestEventAnnouncesNothing() {
        assertEquals(List.of(), Notification.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}").objects());
    }

    @Test
    void anythingElseIsRefusedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Notification.parse("hello")).getMessage()
                .contains("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Notification.parse("{\"a\":1}")).getMessage()
                .contains("not an S3 event notification"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Notification.parse("{\"Records\":[{\"eventName\":"
                + "\"ObjectCreated:Put\",\"s3\":{}}]}")).getMessage().contains("s3.bucket.name"));
    }
}
