package dev.herald.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP proxy that passes answers on at a fixed number of bytes per second, so that a
 * reader of a large object is caught mid-object when the test pulls the plug.
 */
final class ThrottlingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final int bytesPerSecond;

    ThrottlingProxy(int targetPort, int bytesPerSecond) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
        Thread accept = new Thread(this::accept, "throttling-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client.getInputStream(), target.getOutputStream(), Integer.MAX_VALUE, client, target);
                pump(target.getInputStream(), client.getOutputStream(), bytesPerSecond, client, target);
            } catch (IOException e) {
                // closed, or the target is gone: the client sees its connection fail
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, int bytesPerSecond, Socket a, Socket b) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[Math.min(8192, Math.max(512, bytesPerSecond / 10))];
            try (a; b) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (bytesPerSecond != Integer.MAX_VALUE) {
                        Thread.sleep(n * 1000L / bytesPerSecond);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: close both
            }
        }, "throttling-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
