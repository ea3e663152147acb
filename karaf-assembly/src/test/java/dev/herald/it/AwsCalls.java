package dev.herald.it;

import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import java.lang.reflect.Proxy;
import java.util.Map;
import software.amazon.awssdk.services.sts.StsClient;

/** AWS calls made from inside the container with Herald's AwsClients; loaded only after herald-aws is installed. */
final class AwsCalls {
    private AwsCalls() {
    }

    /** STS GetCallerIdentity against {@code endpoint} with static keys. */
    static String callerAccount(String endpoint, String accessKey) {
        try (AwsClients clients = AwsClients.create("it", connection(Map.of("region", "eu-west-1",
                "endpoint", endpoint, "credentials", "static", "access_key_id", accessKey,
                "secret_access_key", "it-secret")))) {
            return clients.client(StsClient.builder()).getCallerIdentity().account();
        }
    }

    /** The settings as DS would hand them over: configured values, else the declared defaults. */
    static AwsConnection connection(Map<String, Object> settings) {
        return (AwsConnection) Proxy.newProxyInstance(AwsConnection.class.getClassLoader(),
                new Class<?>[] {AwsConnection.class}, (proxy, method, args) -> {
                    Object value = settings.get(method.getName().replace("__", "_"));
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
