package dev.herald.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP(S) server for tests: records every request and answers with the {@link Reply}
 * set last, for the tests of plugins that talk HTTP and of Herald's HTTP layer.
 */
public final class StubHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String scheme;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Queue<Reply> once = new ConcurrentLinkedQueue<>();
    private volatile Function<Recorded, Reply> responder = r -> Reply.status(200, "ok");

    private StubHttpServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plain HTTP server on 127.0.0.1, on a free port. */
    public static StubHttpServer http() {
        try {
            return new StubHttpServer(HttpServer.create(loopback(), 0), "http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server on 127.0.0.1 presenting the key and certificate of {@code tls}. */
    public static StubHttpServer https(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new StubHttpServer(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scheme://127.0.0.1:port} + {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What every following request gets (after those of {@link #replyOnce}). */
    public StubHttpServer reply(Reply next) {
        this.responder = r -> next;
        return this;
    }

    /** Answers each following request as {@code responder} says, for emulators that look at the request. */
    public StubHttpServer respond(Function<Recorded, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** The answers to the next requests, one each, in order; then {@link #reply} or {@link #respond} again. */
    public StubHttpServer replyOnce(Reply... replies) {
        once.addAll(List.of(replies));
        return this;
    }

    /** The oldest request not yet taken; fails after 5 s without one. */
    public Recorded take() {
        try {
            Recorded r = requests.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("the stub server received no request");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How many requests arrived and were not taken yet. */
    public int pending() {
        return requests.size();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(),
                exchange.getRequestHeaders(), body);
        requests.add(request);
        Reply queued = once.poll();
        Reply r = queued != null ? queued : responder.apply(request);
        if (r.hang) {
            awaitClose();
        }
        r.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] out = r.body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(r.status, out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private void awaitClose() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** A request as the server saw it. */
    public record Recorded(String method, URI uri, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, for an emulator of a JSON API; a body that is not JSON fails the exchange. */
        public JsonNode bodyJson() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An answer: status, headers, body; or no answer until the server closes. */
    public static final class Reply {
        private final int status;
        private final String body;
        private final Map<String, String> headers;
        private final boolean hang;

        private Reply(int status, String body, Map<String, String> headers, boolean hang) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.hang = hang;
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }

        public static Reply status(int status, String body, String header, String value) {
            return new Reply(status, body, Map.of(header, value), false);
        }

        /** This reply with one more header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, hang);
        }

        /** This reply with another body. */
        public Reply withBody(String text) {
            return new Reply(status, text, headers, hang);
        }

        /** Never answers (until the server is closed): for timeouts. */
        public static Reply hang() {
            return new Reply(200, "", Map.of(), true);
        }
    }
}
