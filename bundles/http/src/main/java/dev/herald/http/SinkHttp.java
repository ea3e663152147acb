package dev.herald.http;

import dev.herald.api.DeliveryException;
import dev.herald.api.sink.SinkSetup;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/**
 * The HTTP client of one sink instance: an {@link HttpSender} named after the sink ({@code sink
 * <kind>/<name>}) with its connection settings and {@code User-Agent}, whose failures come back as
 * the {@link DeliveryException} the sink throws.
 */
public final class SinkHttp {
    private final HttpSender sender;

    private SinkHttp(HttpSender sender) {
        this.sender = sender;
    }

    /**
     * The client for the sink {@code setup} describes.
     *
     * @param sinkClass the sink's class, whose bundle version goes in the {@code User-Agent}
     * @throws IllegalArgumentException for bad connection settings, prefixed with the sink's identity
     */
    public static SinkHttp create(SinkSetup setup, Class<?> sinkClass, HttpConnection connection, HttpClients clients) {
        return create(setup, sinkClass, connection, clients, UnaryOperator.identity());
    }

    /** As {@link #create(SinkSetup, Class, HttpConnection, HttpClients)}, with settings of the sink's own (e.g. a redacted URL path). */
    public static SinkHttp create(SinkSetup setup, Class<?> sinkClass, HttpConnection connection, HttpClients clients,
                                  UnaryOperator<HttpSettings.Builder> settings) {
        return setup.check(() -> new SinkHttp(clients.create(settings.apply(
                HttpSettings.builder("sink " + setup.kind() + "/" + setup.name())
                        .userAgentOf(sinkClass)
                        .connection(connection)).build())));
    }

    /** Sends; a failure gets the shared classification. */
    public HttpResponse<String> send(HttpRequest request) throws DeliveryException {
        return send(request, VendorDetail.NONE);
    }

    /**
     * Sends and leaves the failure to the caller, for a sink whose next step depends on it (a 404
     * that means "create it instead").
     */
    public HttpResponse<String> exchange(HttpRequest request) throws HttpFailure {
        return sender.send(request);
    }

    /** Sends; a failure is explained by {@code detail}. */
    public HttpResponse<String> send(HttpRequest request, VendorDetail detail) throws DeliveryException {
        try {
            return sender.send(request);
        } catch (HttpFailure failure) {
            throw detail.explain(failure);
        }
    }
}
