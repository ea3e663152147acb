package dev.herald.sink.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TCP (RFC 6587) or TLS (RFC 5425) on one persistent connection, opened on first use and again
 * after any failure. Each batch comes framed in one buffer and is written with one write and flush.
 */
final class StreamTransport implements Transport {
    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final boolean verifyHostName;
    private final int connectTimeoutMillis;
    private final long writeTimeoutMillis;
    /** Closes a socket whose write hangs: java.net has no write timeout of its own. */
    private final ScheduledExecutorService watchdog;
    private Socket socket;
    private OutputStream out;

    /**
     * @param tls            null for plain TCP
     * @param verifyHostName check that the server's certificate names {@code host}
     */
    StreamTransport(String sink, String host, int port, SSLSocketFactory tls, boolean verifyHostName,
                    Duration connectTimeout, Duration writeTimeout) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.verifyHostName = verifyHostName;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-syslog-" + sink + "-write-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void send(Frames frames) throws IOException {
        if (socket != null && peerHasClosed()) {
            disconnect();
        }
        if (socket == null) {
            open();
        }
        Socket current = socket;
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            timedOut.set(true);
            closeQuietly(current);
        }, writeTimeoutMillis, TimeUnit.MILLISECONDS);
        try {
            out.write(frames.array(), 0, frames.length());
            out.flush();
        } catch (IOException e) {
            disconnect();
            if (timedOut.get()) {
                throw new SocketTimeoutException("the write did not complete within write_timeout ("
                        + writeTimeoutMillis / 1000 + " s): the receiver does not read");
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * Whether the receiver closed the connection (it restarted, or dropped an idle client). A
     * syslog receiver never sends, so a read either times out at once (open) or sees the end of
     * the stream. Without this check the first write after a close would seem to succeed and
     * its messages would be lost.
     */
    private boolean peerHasClosed() {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(0);
                }
            } catch (IOException e) {
                // the next write reports the broken connection
            }
        }
    }

    private void open() throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            plain.setKeepAlive(true);
            Socket connected = tls == null ? plain : handshake(plain);
            out = connected.getOutputStream();
            socket = connected;
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    private SSLSocket handshake(Socket plain) throws IOException {
        SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        secure.setSSLParameters(parameters);
        secure.setSoTimeout(connectTimeoutMillis);
        secure.startHandshake();
        secure.setSoTimeout(0);
        return secure;
    }

    /** Drops the connection; the next send opens a new one. */
    private void disconnect() {
        closeQuietly(socket);
        socket = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
        watchdog.shutdownNow();
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a broken connection: nothing left to release
            }
        }
    }
}
