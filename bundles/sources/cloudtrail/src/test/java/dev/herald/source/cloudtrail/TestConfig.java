package dev.herald.source.cloudtrail;

import dev.herald.aws.testing.AwsTestConfig;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/** Config and AwsConnection built from one map of properties (named as in a .cfg file), as DS does. */
final class TestConfig extends AwsTestConfig<CloudTrailSource.Config> {
    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "trail";

    /** Static keys for {@code endpoint}, region eu-west-1, plus {@code keysAndValues}. */
    TestConfig(String endpoint, Object... keysAndValues) {
        super(CloudTrailSource.Config.class, NAME, endpoint, keysAndValues);
    }

    CloudTrailSettings settings() {
        return CloudTrailSettings.from(config(), Optional.of(Region.EU_WEST_1));
    }
}
