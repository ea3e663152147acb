package dev.herald.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3SourceSettingsTest {

    @Test
    void defaultsArePollModeEveryMinuteInBatchesOfAThousand() {
        S3SourceSettings s = TestConfig.settings(TestConfig.properties("", "bucket", "logs"));
        assertEquals(S3SourceSettings.Mode.POLL, s.mode());
        assertEquals(Duration.ofSeconds(60), s.pollInterval());
        assertEquals(1000, s.limits().batchSize());
        assertEquals(1024 * 1024, s.limits().maxRecordBytes());
        assertEquals(Duration.ofSeconds(20), s.waitTime());
        assertEquals(Duration.ofSeconds(300), s.visibilityExtension());
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertMessage("bucket is missing", "mode", "poll");
        assertMessage("queue_url is missing", "mode", "sqs");
        assertMessage("mode = 'push'", "mode", "push", "bucket", "b");
        assertMessage("batch_size = 0", "bucket", "b", "batch_size", 0);
        assertMessage("max_record_bytes = 1073741825 is out of range", "bucket", "b", "max_record_bytes", 1_073_741_825);
        assertMessage("poll_interval = 0", "bucket", "b", "poll_interval", 0);
        assertMessage("wait_time = 21", "bucket", "b", "wait_time", 21);
        assertMessage("visibility_extension = 0", "bucket", "b", "visibility_extension", 0);
        assertMessage("name is missing", "bucket", "b", "name", " ");
    }

    private static void assertMessage(String start, Object... properties) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> TestConfig.settings(TestConfig.properties("", properties))).getMessage();
        assertTrue(message.startsWith(start), message);
    }
}
