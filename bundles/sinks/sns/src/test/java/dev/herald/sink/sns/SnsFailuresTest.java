package dev.herald.sink.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.DeliveryException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The verdicts of {@link SnsFailures} on answers the emulator cannot play back quickly: a
 * Retry-After header makes the SDK itself wait that long before each of its own retries.
 */
class SnsFailuresTest {
    private static final SnsTarget TOPIC = SnsTarget.of(SnsEmulator.TOPIC, "");

    @Test
    void throttlingWithRetryAfterIsRetryableNotBeforeThen() {
        SnsException e = (SnsException) SnsException.builder().statusCode(400).message("Rate exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded")
                        .serviceName("Sns")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).putHeader("Retry-After", "7").build())
                        .build())
                .build();

        DeliveryException verdict = SnsFailures.of(e, TOPIC);

        assertTrue(verdict.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(7)), verdict.retryAfter());
        assertTrue(verdict.getMessage().startsWith(SnsEmulator.TOPIC + ": "), verdict.getMessage());
    }

    @Test
    void batchEntriesAreRetryableWhenTheFaultIsSnssOrAThrottle() {
        assertFalse(entry("InvalidParameter", true).isRetryable());
        assertFalse(entry("KMSDisabled", true).isRetryable());
        assertTrue(entry("InternalError", false).isRetryable());
        assertTrue(entry("Throttled", true).isRetryable());
        assertTrue(entry("KMSThrottling", true).isRetryable());
    }

    @Test
    void smsTargetsHideMostOfTheNumber() {
        assertEquals("SMS to ********0100", SnsTarget.of("", "+14155550100").describe());
    }

    private static DeliveryException entry(String code, boolean senderFault) {
        return SnsFailures.of(BatchResultErrorEntry.builder().id("m0").code(code).message("why")
                .senderFault(senderFault).build(), TOPIC);
    }
}
