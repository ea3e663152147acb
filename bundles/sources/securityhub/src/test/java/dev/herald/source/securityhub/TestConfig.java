package dev.herald.source.securityhub;

import dev.herald.aws.testing.AwsTestConfig;

/** Config and AwsConnection built from one map of properties (named as in a .cfg file), as DS does. */
final class TestConfig extends AwsTestConfig<SecurityHubSource.Config> {
    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "hub";
    static final String SECRET = "s3cr3t-t0ken-for-tests-0123456789";

    /** Static keys for {@code endpoint}, region eu-west-1, plus {@code keysAndValues}. */
    TestConfig(String endpoint, Object... keysAndValues) {
        super(SecurityHubSource.Config.class, NAME, endpoint, keysAndValues);
    }

    /** A push-mode configuration with {@link #SECRET}, plus {@code keysAndValues}. */
    static TestConfig push(Object... keysAndValues) {
        TestConfig test = new TestConfig("", "mode", "push", "header_secret", SECRET);
        test.with(keysAndValues);
        return test;
    }

    SecurityHubSettings settings() {
        return SecurityHubSettings.from(config(), connection().service_pid());
    }
}
