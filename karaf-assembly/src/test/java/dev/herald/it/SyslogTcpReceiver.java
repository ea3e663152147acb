package dev.herald.it;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syslog receiver on loopback (TCP, octet counting, any number of connections) that counts the
 * messages it got per event id (the {@code id} parameter of Herald's structured data).
 */
final class SyslogTcpReceiver implements AutoCloseable {
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]*)\"");

    private final ServerSocket server;
    private final Map<String, AtomicLong> byId = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();

    SyslogTcpReceiver() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "syslog-it-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long distinct() {
        return byId.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> read(socket), "syslog-it-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            while (true) {
                int length = frameLength(in);
                if (length < 0) {
                    return;
                }
                byte[] message = new byte[length];
                in.readFully(message);
                Matcher m = ID.matcher(new String(message, StandardCharsets.UTF_8));
                String id = m.find() ? m.group(1) : "(no id)";
                byId.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
                messages.incrementAndGet();
            }
        } catch (IOException e) {
            // the sender went away (or was killed) mid-frame: a message cut short was not delivered
        }
    }

    /** The length before the space of an octet-counted frame; -1 at the end of the stream. */
    private static int frameLength(DataInputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        for (int c = in.read(); c != ' '; c = in.read()) {
            if (c < 0) {
                if (digits == 0) {
                    return -1;
                }
                throw new EOFException("the stream ended inside a frame length");
            }
            if (c < '0' || c > '9' || ++digits > 7) {
                throw new IOException("not octet counting: byte " + c + " in a frame length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
