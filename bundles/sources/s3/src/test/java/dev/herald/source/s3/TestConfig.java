package dev.herald.source.s3;

import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import dev.herald.testkit.source.TypedConfig;
import java.util.HashMap;
import java.util.Map;

/** Configurations as DS builds them from properties named as in a .cfg file. */
final class TestConfig {

    private TestConfig() {
    }

    /** Static test credentials in us-east-1 at {@code endpoint}, path-style, plus {@code more}. */
    static Map<String, Object> properties(String endpoint, Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("name", "s3", "region", "us-east-1", "credentials", "static",
                "access_key_id", "test", "secret_access_key", "test-secret", "path_style", true,
                "endpoint", endpoint));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    static S3Source.Config config(Map<String, Object> properties) {
        return TypedConfig.from(properties).as(S3Source.Config.class);
    }

    static AwsConnection connection(Map<String, Object> properties) {
        return TypedConfig.from(properties).as(AwsConnection.class);
    }

    static S3SourceSettings settings(Map<String, Object> properties) {
        return S3SourceSettings.from(config(properties));
    }

    static AwsClients clients(Map<String, Object> properties) {
        return AwsClients.create("test", connection(properties));
    }
}
