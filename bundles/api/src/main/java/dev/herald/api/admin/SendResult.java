package dev.herald.api.admin;

/**
 * The outcome of a test send.
 *
 * @param delivered whether the sink accepted it
 * @param retryable for a failure, whether the dispatcher would have tried again
 * @param message   the failure reason; null when delivered
 * @param body      what was sent
 */
public record SendResult(boolean delivered, boolean retryable, String message, String body) {
}
