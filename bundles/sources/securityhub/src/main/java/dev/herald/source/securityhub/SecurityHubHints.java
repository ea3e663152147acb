package dev.herald.source.securityhub;

import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What to tell the user about a Security Hub failure, beyond AWS's own words. */
final class SecurityHubHints {
    private SecurityHubHints() {
    }

    /** Security Hub answers InvalidAccessException when the account has not enabled it in the region. */
    static String hint(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && "InvalidAccessException".equals(s.awsErrorDetails().errorCode())) {
            return " (the account is not subscribed to Security Hub in this region: enable Security Hub there,"
                    + " or set region to the aggregation region that holds the findings)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return " (check region and endpoint: is it a region where Security Hub runs?)";
            }
        }
        return "";
    }
}
