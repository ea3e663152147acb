package dev.herald.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers for the JDK's HTTP server, as a vendor emulator in a sink's tests gives them. */
public final class Exchanges {
    private Exchanges() {
    }

    /** Answers {@code exchange} with {@code status} and {@code body} of {@code contentType}, and closes it. */
    public static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** {@link #answer(HttpExchange, int, String, byte[])} with {@code body} in UTF-8. */
    public static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        answer(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
