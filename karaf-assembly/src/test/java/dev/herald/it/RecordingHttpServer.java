package dev.herald.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A loopback HTTP endpoint standing in for a webhook receiver; records every request. It lives as
 * long as the container under test.
 */
final class RecordingHttpServer {

    /** One received request. */
    record Request(String method, String path, String contentType, String idempotencyKey, String body,
                   String authorization, String userAgent) {
        String eventId() {
            return eventIdOf(body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private volatile CountDownLatch holdGate = new CountDownLatch(0);
    private volatile String heldBody;

    RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} requests are answered 503, as a peer in an outage would. */
    void failNext(int count) {
        failuresToServe.set(count);
    }

    /** How many requests were answered 503. */
    int refused() {
        return refused.get();
    }

    /**
     * The next request that is not refused is kept unanswered until {@link #release()}, as a
     * peer that is slow to answer: the sender has a send in flight meanwhile. It counts as
     * accepted once answered.
     */
    void holdNext() {
        holdGate = new CountDownLatch(1);
        holdNext.set(true);
    }

    /** The event of the request kept unanswered now, or null when none is. */
    String heldEventId() {
        String body = heldBody;
        return body == null ? null : eventIdOf(body);
    }

    /** Herald's id of the event, from the webhook's default JSON body. */
    private static String eventIdOf(String body) {
        try {
            return JSON.readTree(body).path("event").path("id").asText();
        } catch (IOException e) {
            throw new AssertionError("the receiver got a body that is not the webhook's JSON: " + body, e);
        }
    }

    void release() {
        holdGate.countDown();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many accepted requests carried each event (by {@link Request#eventId()}). */
    Map<String, Long> deliveriesPerEvent() {
        return requests().stream().collect(Collectors.groupingBy(Request::eventId, Collectors.counting()));
    }

    /** The Idempotency-Key headers of the accepted requests of each event. */
    Map<String, Set<String>> idempotencyKeysPerEvent() {
        return requests().stream().collect(Collectors.groupingBy(Request::eventId,
                Collectors.mapping(r -> String.valueOf(r.idempotencyKey()), Collectors.toSet())));
    }

    /** Those of {@code eventIds} accepted more than once, with how many times. */
    Map<String, Long> repeated(Collection<String> eventIds) {
        Map<String, Long> perEvent = deliveriesPerEvent();
        return eventIds.stream().filter(id -> perEvent.getOrDefault(id, 0L) > 1)
                .collect(Collectors.toMap(id -> id, perEvent::get));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (holdNext.compareAndSet(true, false)) {
                holdUntilReleased(body);
            }
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), body,
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("User-Agent")));
            }
            exchange.sendResponseHeaders(204, -1);
        } finally {
            exchange.close();
        }
    }

    private void holdUntilReleased(String body) {
        heldBody = body;
        try {
            // bounded, so that a test that fails before its release leaves no thread behind for long
            holdGate.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heldBody = null;
        }
    }
}
