package dev.herald.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

class PollHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PollHealth health = new PollHealth("eu-west-1: ", Duration.ofSeconds(60), e -> " (hint)");

    private static SdkException refused() {
        return AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("no").serviceName("CloudTrail").build()).build();
    }

    @Test
    void retryableFailuresBackOffExponentiallyUpToFiveMinutes() {
        SdkException outage = SdkClientException.create("connection refused");
        health.failed(outage, T0);
        assertFalse(health.due(T0.plusSeconds(59)));
        assertTrue(health.due(T0.plusSeconds(60)));
        health.failed(outage, T0);
        assertTrue(health.due(T0.plusSeconds(120)) && !health.due(T0.plusSeconds(119)));
        for (int i = 0; i < 10; i++) {
            health.failed(outage, T0);
        }
        assertTrue(health.due(T0.plus(Duration.ofMinutes(5))), "capped at five minutes");
        assertTrue(health.problem().orElseThrow().startsWith("eu-west-1: AWS could not be reached: connection refused (hint)"),
                health.problem().orElseThrow());
    }

    @Test
    void aRefusalWaitsFiveMinutesAndAnAnswerClearsEverything() {
        health.failed(refused(), T0);
        assertFalse(health.due(T0.plus(PollHealth.REFUSED_RETRY).minusSeconds(1)));
        assertTrue(health.due(T0.plus(PollHealth.REFUSED_RETRY)));
        assertTrue(health.problem().orElseThrow().contains("HTTP 403 AccessDeniedException: no"));
        assertTrue(health.problem().orElseThrow().endsWith("; asking again in 300 s"));

        health.readAgain();

        assertTrue(health.due(T0));
        assertTrue(health.problem().isEmpty());
    }
}
