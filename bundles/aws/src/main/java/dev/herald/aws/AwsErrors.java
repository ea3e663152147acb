package dev.herald.aws;

import dev.herald.api.source.PollHealth;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Tells AWS failures apart the way Herald's dispatcher and pollers need: worth retrying later
 * (throttling, 5xx, network, expired temporary credentials) or not until someone fixes something
 * (access denied, a missing resource, a rejected request), and describes them for an operator
 * without secrets. The SDK has already retried by its retry mode when these reach a plugin.
 */
public final class AwsErrors {
    /** 4xx error codes that a later attempt may get past. */
    private static final Set<String> RETRYABLE_CODES = Set.of("ExpiredToken", "ExpiredTokenException",
            "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError", "InternalFailure",
            "ServiceUnavailable", "KMSThrottlingException", "SlowDown");

    private AwsErrors() {
    }

    /** Whether a later attempt may succeed without anyone changing anything. */
    public static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = code(service);
            return service.isThrottlingException() || status >= 500 || status == 429 || status == 408
                    || RETRYABLE_CODES.contains(code);
        }
        return e instanceof SdkClientException || e.retryable();
    }

    /** How long AWS asked to wait, when the answer said so. */
    public static Optional<Duration> retryAfter(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().sdkHttpResponse() != null) {
            return service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                    .flatMap(AwsErrors::seconds);
        }
        return Optional.empty();
    }

    /**
     * Pauses a poller after {@code e}: with a backoff (or AWS's Retry-After) when a later attempt
     * may succeed, for {@link PollHealth#REFUSED_RETRY} when someone has to act.
     *
     * @param hint the service-specific advice appended to the description, or ""
     * @return the pause
     */
    public static Duration pause(PollHealth health, SdkException e, String hint, Instant now) {
        String what = describe(e) + hint;
        return retryable(e) ? health.failed(what, retryAfter(e), now) : health.refused(what, now);
    }

    /**
     * One line for logs and {@code herald:status}: the service, HTTP status, error code, AWS's
     * message, the request id, and what to do for the usual operator mistakes.
     */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String serviceName = details == null || details.serviceName() == null ? "AWS" : details.serviceName();
            String message = details == null || details.errorMessage() == null ? "" : ": " + details.errorMessage();
            String requestId = service.requestId() == null ? "" : " (request id " + service.requestId() + ")";
            return serviceName + " answered HTTP " + service.statusCode() + " " + code(service) + message
                    + requestId + hint(service);
        }
        return "AWS could not be reached: " + networkCause(e);
    }

    /** What went wrong on the way, in a few words: the SDK's own text is a paragraph of guesses. */
    private static String networkCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof UnknownHostException) {
                // the JDK writes "host: Name or service not known" or just "host"
                return "the host name " + message.split(":")[0] + " does not resolve (check region, endpoint and DNS)";
            }
            if (cause instanceof ConnectException) {
                return "connection refused or unreachable: " + message;
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out: " + message + " (check the network path, proxy and read_timeout)";
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + message + " (for a private CA set ca_bundle)";
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int sentence = message.indexOf(". ");
        return sentence > 0 ? message.substring(0, sentence + 1) : message;
    }

    private static String hint(AwsServiceException e) {
        String code = code(e);
        if (e.statusCode() == 403 || code.contains("AccessDenied") || code.equals("UnauthorizedOperation")) {
            return "; grant the credentials' IAM identity this action on this resource";
        }
        if (code.equals("InvalidClientTokenId") || code.equals("SignatureDoesNotMatch")
                || code.equals("UnrecognizedClientException") || code.equals("InvalidAccessKeyId")) {
            return "; the access key is unknown or the secret key is wrong: check credentials, profile or"
                    + " access_key_id/secret_access_key";
        }
        return "";
    }

    private static String code(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null || details.errorCode() == null ? "" : details.errorCode();
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
