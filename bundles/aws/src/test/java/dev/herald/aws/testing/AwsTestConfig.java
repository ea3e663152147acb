package dev.herald.aws.testing;

import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import dev.herald.testkit.source.TypedConfig;

/**
 * An AWS plugin's configuration in its tests, as DS builds it from properties named as in a .cfg
 * file: the plugin's own {@code Config} and the {@link AwsConnection} beside it, both from the same
 * properties. It signs with static test keys, in eu-west-1, at an emulator's endpoint. A plugin's
 * tests extend it with what is particular to the plugin (its instance name, its settings).
 *
 * @param <C> the plugin's {@code Config} annotation
 */
public class AwsTestConfig<C> {
    /** The static access key id the tests sign with. */
    public static final String KEY_ID = "AKIDEXAMPLE";
    /** The static secret access key the tests sign with. */
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final Class<C> type;
    private final TypedConfig properties;

    /**
     * Instance {@code name} with the static keys, region eu-west-1 and {@code endpoint}, plus
     * {@code keysAndValues}, which may replace any of them.
     */
    protected AwsTestConfig(Class<C> type, String name, String endpoint, Object... keysAndValues) {
        this.type = type;
        this.properties = TypedConfig.of("name", name, "region", "eu-west-1", "endpoint", endpoint,
                "credentials", "static", "access_key_id", KEY_ID, "secret_access_key", SECRET).with(keysAndValues);
    }

    /** Sets (or replaces) properties given as name, value, name, value, ... */
    protected void with(Object... keysAndValues) {
        properties.with(keysAndValues);
    }

    /** The plugin's {@code Config}. */
    public C config() {
        return properties.as(type);
    }

    /** The AWS connection settings of the same properties. */
    public AwsConnection connection() {
        return properties.as(AwsConnection.class);
    }

    /** Clients for {@link #connection()}; the test closes them. */
    public AwsClients clients() {
        return AwsClients.create("test", connection());
    }
}
