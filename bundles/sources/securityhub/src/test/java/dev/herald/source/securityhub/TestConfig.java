package dev.herald.source.securityhub;

import dev.herald.aws.AwsConnection;
import dev.herald.testkit.source.TypedConfig;
import java.util.HashMap;
import java.util.Map;

/** Config and AwsConnection built from one map of properties (named as in a .cfg file), as DS does. */
final class TestConfig {
    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "hub";
    static final String SECRET = "s3cr3t-t0ken-for-tests-0123456789";
    private final Map<String, Object> values = new HashMap<>();

    /** Static keys for {@code endpoint}, region eu-west-1, plus {@code keysAndValues}. */
    TestConfig(String endpoint, Object... keysAndValues) {
        values.put("name", NAME);
        values.put("region", "eu-west-1");
        values.put("endpoint", endpoint);
        values.put("credentials", "static");
        values.put("access_key_id", SecurityHubEmulator.KEY_ID);
        values.put("secret_access_key", SecurityHubEmulator.SECRET);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
    }

    /** A push-mode configuration with {@link #SECRET}, plus {@code keysAndValues}. */
    static TestConfig push(Object... keysAndValues) {
        TestConfig test = new TestConfig("", "mode", "push", "header_secret", SECRET);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            test.values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return test;
    }

    SecurityHubSource.Config config() {
        return TypedConfig.from(values).as(SecurityHubSource.Config.class);
    }

    AwsConnection connection() {
        return TypedConfig.from(values).as(AwsConnection.class);
    }

    SecurityHubSettings settings() {
        return SecurityHubSettings.from(config(), connection().service_pid());
    }
}
