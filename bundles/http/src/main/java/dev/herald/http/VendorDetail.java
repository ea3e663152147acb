package dev.herald.http;

import dev.herald.api.DeliveryException;

/**
 * The hook a sink gives {@link SinkHttp#send(java.net.http.HttpRequest, VendorDetail)} to turn an
 * HTTP failure into its verdict with what the vendor's answer means: read {@link
 * HttpFailure#responseBody()} and {@link HttpFailure#status()}, then return {@link
 * HttpFailure#toDeliveryException(String)} with a better reason (same verdict, Retry-After and
 * cause), or a verdict of its own. {@link #NONE} keeps the shared classification.
 */
@FunctionalInterface
public interface VendorDetail {
    /** The shared classification, unchanged. */
    VendorDetail NONE = HttpFailure::toDeliveryException;

    DeliveryException explain(HttpFailure failure);
}
