package dev.herald.source.s3;

import dev.herald.aws.AwsConnection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The connection SQS is reached with: the configured one, with {@code sqs_endpoint} in place of
 * {@code endpoint}, which belongs to S3 (an S3-compatible store or an S3 VPC endpoint is no SQS
 * endpoint).
 */
final class SqsConnection {

    private SqsConnection() {
    }

    static AwsConnection of(AwsConnection connection, String sqsEndpoint) {
        return (AwsConnection) Proxy.newProxyInstance(AwsConnection.class.getClassLoader(),
                new Class<?>[] {AwsConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("endpoint") && method.getParameterCount() == 0) {
                        return sqsEndpoint;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
