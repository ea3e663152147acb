package dev.herald.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends requests for one plugin instance with its {@link HttpSettings}, and classifies the
 * outcome. Thread-safe; keep one per instance and reuse it (it pools connections).
 *
 * <p>Every request gets the settings' {@code User-Agent} and read timeout unless it sets its own.
 * The read timeout bounds the whole exchange once connected, body included, so a peer that
 * trickles bytes cannot hold a sink's worker forever. Redirects are not followed: a 3xx is a
 * permanent failure naming the new location, so credentials never travel to a host nobody
 * configured.
 */
@ProviderType
public interface HttpSender {

    /**
     * Sends and returns the 2xx response with its body as a string.
     *
     * @throws HttpFailure for any other status, a timeout or an I/O error
     */
    HttpResponse<String> send(HttpRequest request) throws HttpFailure;

    /**
     * Sends and returns the 2xx response, its body read by {@code successBody} (e.g. a stream for
     * a large event list). Error bodies are always read by Herald, at most about 2 KB of them.
     *
     * @throws HttpFailure for any other status, a timeout or an I/O error
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> successBody) throws HttpFailure;
}
