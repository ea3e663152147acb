package dev.herald.source.cloudtrail;

import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** What to tell the user about a CloudTrail failure in one region, beyond AWS's own words. */
final class RegionHints {
    private final String region;

    RegionHints(String region) {
        this.region = region;
    }

    /**
     * An opt-in region the account has not enabled does not know the account's keys; a misspelt
     * region has no endpoint.
     */
    String hint(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && "UnrecognizedClientException".equals(s.awsErrorDetails().errorCode())) {
            return " (or the region is not enabled for the account: enable it, or leave it out of regions)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return " (is " + region + " a region where CloudTrail runs? check regions and endpoint)";
            }
        }
        return "";
    }
}
