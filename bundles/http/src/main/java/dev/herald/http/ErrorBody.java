package dev.herald.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Keeps the first bytes of an error response and discards the rest as it arrives, so a huge or
 * endless error page costs neither memory nor a blocked worker. One instance per exchange.
 */
final class ErrorBody {
    static final int LIMIT = 2048;

    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long total;
    private Charset charset = StandardCharsets.UTF_8;

    /** A subscriber collecting into this; its body value is always null. */
    <T> HttpResponse.BodySubscriber<T> subscriber(HttpResponse.ResponseInfo info) {
        charset = charsetOf(info.headers());
        return HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofByteArrayConsumer(this::accept), done -> null);
    }

    private synchronized void accept(Optional<byte[]> chunk) {
        chunk.ifPresent(bytes -> {
            int room = (int) Math.max(0, LIMIT - total);
            head.write(bytes, 0, Math.min(room, bytes.length));
            total += bytes.length;
        });
    }

    /** The kept text on one line, marked when truncated; empty when the body was. */
    synchronized String text() {
        String text = new String(head.toByteArray(), charset).replaceAll("[\\s\\p{Cntrl}]+", " ").trim();
        return total > LIMIT ? text + "… (" + total + " bytes, truncated)" : text;
    }

    private static Charset charsetOf(HttpHeaders headers) {
        for (String param : headers.firstValue("Content-Type").orElse("").split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
