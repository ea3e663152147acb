package dev.herald.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link HttpSender} over one {@link HttpClient} built for one plugin instance. */
final class JdkHttpSender implements HttpSender {
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final boolean redactUrlPath;
    private final Failures failures = new Failures(Clock.systemUTC());

    JdkHttpSender(HttpClient client, HttpSettings settings, Duration connectTimeout, Duration readTimeout) {
        this.client = client;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = settings.userAgent();
        this.redactUrlPath = settings.redactUrlPath();
    }

    @Override
    public HttpResponse<String> send(HttpRequest request) throws HttpFailure {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> successBody) throws HttpFailure {
        HttpRequest prepared = withDefaults(request);
        Redactor redactor = Redactor.of(prepared, redactUrlPath);
        ErrorBody errorBody = new ErrorBody();
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(prepared,
                info -> Failures.isSuccess(info.statusCode()) ? successBody.apply(info) : errorBody.subscriber(info));
        HttpResponse<T> response = await(exchange, redactor);
        if (Failures.isSuccess(response.statusCode())) {
            return response;
        }
        throw failures.status(prepared.method(), response.statusCode(), response.headers(), errorBody.text(), redactor);
    }

    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange, Redactor redactor)
            throws HttpFailure {
        Duration deadline = connectTimeout.plus(readTimeout);
        try {
            return exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failures.io(e.getCause(), redactor, connectTimeout, readTimeout);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw failures.deadline(redactor, deadline);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw failures.interrupted(redactor, e);
        }
    }

    /** The request with the settings' User-Agent and read timeout, unless it has its own. */
    private HttpRequest withDefaults(HttpRequest request) {
        boolean hasAgent = request.headers().firstValue("User-Agent").isPresent();
        if (hasAgent && request.timeout().isPresent()) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
        if (!hasAgent) {
            copy.setHeader("User-Agent", userAgent);
        }
        if (request.timeout().isEmpty()) {
            copy.timeout(readTimeout);
        }
        return copy.build();
    }
}
