/**
 * Herald's shared HTTP layer for SaaS sinks and sources, on top of {@link java.net.http.HttpClient}.
 *
 * <p>A plugin describes one instance's needs in {@link dev.herald.http.HttpSettings} (timeouts,
 * proxy, extra CA certificates, the explicit {@code insecure} escape hatch), obtains an {@link
 * dev.herald.http.HttpSender} from the {@link dev.herald.http.HttpClients} service and sends with
 * it; the connection keys of the plugin's configuration reach the settings through {@link
 * dev.herald.http.HttpConnection}. Every sender classifies outcomes the same way: 2xx is returned; 408, 429, 5xx (except 501)
 * and I/O failures are retryable, honouring {@code Retry-After}; everything else is permanent.
 * Failures arrive as {@link dev.herald.http.HttpFailure}, whose reason names the status, the
 * URL (query values and credentials removed), the start of the response body and what to check,
 * and which converts to the {@link dev.herald.api.DeliveryException} a sink throws.
 *
 * <p>The HTTP half of the sink SDK: {@link dev.herald.http.SinkHttp} (a sender named after the
 * sink, failures as verdicts, a {@link dev.herald.http.VendorDetail} hook for what the vendor's
 * answer means) and {@link dev.herald.http.HttpUrl} (URL settings checked one way).
 */
@Version("1.2.0")
@Export
package dev.herald.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
