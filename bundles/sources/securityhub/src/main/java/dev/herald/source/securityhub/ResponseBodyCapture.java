package dev.herald.source.securityhub;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Hands the HTTP body of an SDK response, as received, to whoever asked for it: the SDK v2
 * unmarshals Security Hub's JSON into model objects and has no public way back to JSON, while
 * Herald's events carry the finding in ASFF exactly as Security Hub wrote it. A request asks by
 * carrying {@link #RECEIVER} as an execution attribute; the interceptor reads the body once and
 * gives the SDK an equal copy to unmarshal. Requests without the attribute are left alone, so one
 * interceptor serves any number of threads.
 */
final class ResponseBodyCapture implements ExecutionInterceptor {
    /**
     * Receives the successful response body of the request that carries it; error answers are left
     * to the SDK, which reads them from the original response.
     */
    static final ExecutionAttribute<Consumer<byte[]>> RECEIVER = new ExecutionAttribute<>("herald.responseBody");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Consumer<byte[]> receiver = attributes.getAttribute(RECEIVER);
        Optional<InputStream> body = context.responseBody();
        if (receiver == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            receiver.accept(bytes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw SdkClientException.create("reading the response body failed: " + e.getMessage(), e);
        }
    }
}
