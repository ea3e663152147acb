package dev.herald.sink.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
    /** The plain TCP connection's channel, to look for the receiver's close without waiting; null for TLS. */
    private SocketChannel channel;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
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
     * syslog receiver never sends, so a read either finds nothing (open) or sees the end of the
     * stream. Without this check the first write after a close would seem to succeed and its
     * messages would be lost.
     */
    private boolean peerHasClosed() {
        return channel != null ? plainPeerHasClosed() : tlsPeerHasClosed();
    }

    /**
     * A read that does not wait: the timed read of TLS waited 1 ms when all was well, before every
     * batch (an eighth of a drain's time at 60,000 messages/s).
     */
    private boolean plainPeerHasClosed() {
        try {
            channel.configureBlocking(false);
            try {
                probe.clear();
                return channel.read(probe) < 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** A read of at most 1 ms on the TLS socket (a read of the plain socket beneath would take TLS records). */
    private boolean tlsPeerHasClosed() {
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
        // plain TCP through a channel (blocking, but for the close check), TLS on a socket as before
        SocketChannel plainChannel = tls == null ? SocketChannel.open() : null;
        Socket plain = plainChannel != null ? plainChannel.socket() : new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            plain.setKeepAlive(true);
            Socket connected = tls == null ? plain : handshake(plain);
            out = connected.getOutputStream();
            socket = connected;
            channel = plainChannel;
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
        channel = null;
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
