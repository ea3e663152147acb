package dev.herald.sink.sns;

import dev.herald.api.DeliveryException;
import dev.herald.aws.AwsErrors;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;

/**
 * SNS failures as Herald's verdicts: throttling, SNS's own faults and network trouble are worth
 * another attempt; access denied, a missing topic and rejected parameters are not.
 */
final class SnsFailures {
    /** Per-entry error codes of PublishBatch that a later attempt may get past. */
    private static final Set<String> RETRYABLE_ENTRY_CODES = Set.of("Throttled", "Throttling", "ThrottlingException",
            "InternalError", "InternalFailure", "ServiceUnavailable", "KMSThrottling", "KMSThrottlingException");

    private SnsFailures() {
    }

    /** A failed Publish or PublishBatch call, described by {@link AwsErrors} (AWS's message, no secrets). */
    static DeliveryException of(SdkException e, SnsTarget target) {
        String reason = target.describe() + ": " + AwsErrors.describe(e);
        if (!AwsErrors.retryable(e)) {
            return DeliveryException.permanent(reason, e);
        }
        return AwsErrors.retryAfter(e).map(wait -> DeliveryException.retryable(reason, wait))
                .orElseGet(() -> DeliveryException.retryable(reason, e));
    }

    /**
     * One entry PublishBatch did not publish: retryable when SNS says the fault is its own
     * ({@code SenderFault} false) or it throttled, permanent when the entry itself was rejected.
     */
    static DeliveryException of(BatchResultErrorEntry entry, SnsTarget target) {
        String code = entry.code() == null ? "" : entry.code();
        String reason = target.describe() + ": SNS did not publish the entry: " + code
                + (entry.message() == null ? "" : ": " + entry.message());
        boolean senderFault = Boolean.TRUE.equals(entry.senderFault());
        return RETRYABLE_ENTRY_CODES.contains(code) || !senderFault
                ? DeliveryException.retryable(reason)
                : DeliveryException.permanent(reason);
    }
}
