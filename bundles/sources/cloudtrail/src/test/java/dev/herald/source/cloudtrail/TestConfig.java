package dev.herald.source.cloudtrail;

import dev.herald.aws.AwsConnection;
import dev.herald.testkit.source.TypedConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/** Config and AwsConnection built from one map of properties (named as in a .cfg file), as DS does. */
final class TestConfig {
    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "trail";
    private final Map<String, Object> values = new HashMap<>();

    /** Static keys for {@code endpoint}, region eu-west-1, plus {@code keysAndValues}. */
    TestConfig(String endpoint, Object... keysAndValues) {
        values.put("name", NAME);
        values.put("region", "eu-west-1");
        values.put("endpoint", endpoint);
        values.put("credentials", "static");
        values.put("access_key_id", CloudTrailEmulator.KEY_ID);
        values.put("secret_access_key", CloudTrailEmulator.SECRET);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    CloudTrailSource.Config config() {
        return TypedConfig.from(values).as(CloudTrailSource.Config.class);
    }

    AwsConnection connection() {
        return TypedConfig.from(values).as(AwsConnection.class);
    }

    CloudTrailSettings settings() {
        return CloudTrailSettings.from(config(), Optional.of(Region.EU_WEST_1));
    }
}
