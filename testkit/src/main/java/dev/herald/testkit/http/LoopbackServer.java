package dev.herald.testkit.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A started JDK {@link HttpServer} on a free loopback port that hands every request to one
 * handler: the base of a vendor emulator that checks requests as the vendor does. For canned
 * answers, {@link StubHttpServer} is simpler.
 */
public final class LoopbackServer {
    private LoopbackServer() {
    }

    /** Started; stop it with {@code server.stop(0)}. Its URL is {@code http://127.0.0.1:<port>}. */
    public static HttpServer start(HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
