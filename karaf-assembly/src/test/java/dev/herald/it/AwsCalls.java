package dev.herald.it;

import dev.herald.aws.AwsClients;
import dev.herald.aws.AwsConnection;
import java.lang.reflect.Proxy;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS calls the suites make from inside the container with Herald's AwsClients (static test keys).
 * A class of its own: the probe may load SDK classes only once herald-aws is installed.
 */
final class AwsCalls {
    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "AKIDITEXAMPLE";
    static final String SECRET_KEY = "it-secret";

    private AwsCalls() {
    }

    /** STS GetCallerIdentity against {@code endpoint}. */
    static String callerAccount(String endpoint) {
        try (AwsClients clients = clients(endpoint)) {
            return clients.client(StsClient.builder()).getCallerIdentity().account();
        }
    }

    static void createBucket(String endpoint, String bucket) {
        try (AwsClients clients = clients(endpoint)) {
            clients.client(S3Client.builder().forcePathStyle(true)).createBucket(b -> b.bucket(bucket));
        }
    }

    static void putObject(String endpoint, String bucket, String key, byte[] content) {
        try (AwsClients clients = clients(endpoint)) {
            clients.client(S3Client.builder().forcePathStyle(true))
                    .putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }
    }

    /** Creates the queue; its URL. */
    static String createQueue(String endpoint, String name) {
        try (AwsClients clients = clients(endpoint)) {
            return clients.client(SqsClient.builder()).createQueue(q -> q.queueName(name)).queueUrl();
        }
    }

    static void sendMessage(String endpoint, String queueUrl, String body) {
        try (AwsClients clients = clients(endpoint)) {
            clients.client(SqsClient.builder()).sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));
        }
    }

    /** Messages in the queue, visible or being processed. */
    static int queueDepth(String endpoint, String queueUrl) {
        try (AwsClients clients = clients(endpoint)) {
            Map<QueueAttributeName, String> attributes = clients.client(SqsClient.builder())
                    .getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return attributes.values().stream().mapToInt(Integer::parseInt).sum();
        }
    }

    private static AwsClients clients(String endpoint) {
        return AwsClients.create("it", connection(Map.of("region", REGION, "endpoint", endpoint,
                "credentials", "static", "access_key_id", ACCESS_KEY, "secret_access_key", SECRET_KEY)));
    }

    /** The settings as DS would hand them over: configured values, else the declared defaults. */
    private static AwsConnection connection(Map<String, Object> settings) {
        return (AwsConnection) Proxy.newProxyInstance(AwsConnection.class.getClassLoader(),
                new Class<?>[] {AwsConnection.class}, (proxy, method, args) -> {
                    Object value = settings.get(method.getName().replace("__", "_"));
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
