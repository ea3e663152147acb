package dev.herald.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.source.PollHealth;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsPauseTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final PollHealth health = new PollHealth("eu-west-1: ", Duration.ofSeconds(60));

    @Test
    void aNetworkFailureBacksOffFromThePollInterval() {
        AwsErrors.pause(health, SdkClientException.create("connection refused"), " (hint)", T0);
        assertFalse(health.due(T0.plusSeconds(59)));
        assertTrue(health.due(T0.plusSeconds(60)));
        assertEquals("eu-west-1: AWS could not be reached: connection refused (hint); asking again in 60 s",
                health.problem().orElseThrow());
    }

    @Test
    void aRefusalWaitsUntilSomeoneActs() {
        AwsErrors.pause(health, AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("AccessDeniedException").errorMessage("no").serviceName("CloudTrail").build()).build(),
                "", T0);
        assertFalse(health.due(T0.plus(PollHealth.REFUSED_RETRY).minusSeconds(1)));
        String problem = health.problem().orElseThrow();
        assertTrue(problem.contains("HTTP 403 AccessDeniedException: no") && problem.endsWith("asking again in 300 s"),
                problem);
    }
}
