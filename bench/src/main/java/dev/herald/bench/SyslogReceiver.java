package dev.herald.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A syslog receiver on loopback: TCP with octet counting (RFC 6587), any number of connections.
 * It takes the {@code id} parameter of each message's structured data, works out which line of
 * the measured file the message stands for ({@link Workload#lineOf}), or, given a {@link
 * LineIndex}, finds the line by the text the message ends with; and counts lines received once,
 * lines received again and messages that name no line; with the time of the last byte.
 */
final class SyslogReceiver implements AutoCloseable {
    private static final byte[] ID = " id=\"".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Socket> connections = new ArrayList<>();
    private final Thread acceptor;
    /** Tells a message's line by its text; null: by the id in its structured data. */
    private final LineIndex index;
    private BitSet received = new BitSet();
    private long distinct;
    private long duplicates;
    private long unknown;
    private long bytes;
    private long firstNanos;
    private long lastNanos;
    private String unknownSample;
    private String sample;

    SyslogReceiver() throws IOException {
        this(null);
    }

    /** @param index tells each message's line by the text it ends with; null: by its {@code id} parameter */
    SyslogReceiver(LineIndex index) throws IOException {
        this.index = index;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "syslog-receiver-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Forgets what was received (after a warm-up message). */
    synchronized void reset() {
        received = new BitSet();
        distinct = duplicates = unknown = bytes = firstNanos = lastNanos = 0;
        unknownSample = null;
    }

    synchronized long distinct() {
        return distinct;
    }

    /** Every message received since the last {@link #reset}, whatever its id. */
    synchronized long messages() {
        return distinct + duplicates + unknown;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long unknown() {
        return unknown;
    }

    synchronized long bytes() {
        return bytes;
    }

    /** {@link System#nanoTime()} when the last message ended. */
    /** When the first message since the last {@link #reset} arrived ({@link System#nanoTime}), 0 before. */
    synchronized long firstNanos() {
        return firstNanos;
    }

    synchronized long lastNanos() {
        return lastNanos;
    }

    /** The first message received since the receiver started, for the report. */
    synchronized String sample() {
        return sample;
    }

    /** Received lines that {@code expected} does not hold, plus expected lines not received. */
    synchronized String differences(BitSet expected) {
        BitSet extra = (BitSet) received.clone();
        extra.andNot(expected);
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(received);
        return "missing " + missing.cardinality() + " (first " + missing.nextSetBit(0) + "), unexpected "
                + extra.cardinality() + " (first " + extra.nextSetBit(0) + "), duplicates " + duplicates
                + ", without a line id " + unknown + (unknownSample == null ? "" : " e.g. " + unknownSample);
    }

    /**
     * Waits until {@code count} distinct lines arrived; fails when nothing new arrives for {@code
     * stall} or the whole wait exceeds {@code limit}.
     */
    void awaitDistinct(long count, Duration stall, Duration limit, String what) throws InterruptedException {
        Await.progress(this::distinct, count, stall, limit, what + ": syslog messages");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (connections) {
                    connections.add(socket);
                }
                Thread reader = new Thread(() -> read(socket), "syslog-receiver-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 20)) {
            byte[] message = new byte[16384];
            while (true) {
                int length = frameLength(in);
                if (length < 0) {
                    return;
                }
                if (length > message.length) {
                    message = new byte[length];
                }
                in.readNBytes(message, 0, length);
                record(message, length);
            }
        } catch (IOException e) {
            // the sender went away; a new connection starts a new reader
        }
    }

    /** The length before the space of an octet-counted frame; -1 at the end of the stream. */
    private static int frameLength(InputStream in) throws IOException {
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

    private void record(byte[] message, int length) {
        long now = System.nanoTime();
        long line = lineOf(message, length);
        synchronized (this) {
            if (sample == null) {
                sample = new String(message, 0, Math.min(length, 400), StandardCharsets.UTF_8);
            }
            bytes += length;
            if (firstNanos == 0) {
                firstNanos = now;
            }
            lastNanos = now;
            if (line <= 0 || line > Integer.MAX_VALUE) {
                unknown++;
                if (unknownSample == null) {
                    unknownSample = new String(message, 0, Math.min(length, 200), StandardCharsets.UTF_8);
                }
            } else if (received.get((int) line)) {
                duplicates++;
            } else {
                received.set((int) line);
                distinct++;
            }
        }
    }

    private long lineOf(byte[] message, int length) {
        if (index != null) {
            return index.lineOf(message, length);
        }
        String id = idOf(message, length);
        return id == null ? -1 : Workload.lineOf(id);
    }

    /** The value of the first {@code id="…"} (the structured data precedes the message). */
    private static String idOf(byte[] m, int length) {
        outer:
        for (int i = 0; i + ID.length < length; i++) {
            for (int j = 0; j < ID.length; j++) {
                if (m[i + j] != ID[j]) {
                    continue outer;
                }
            }
            int start = i + ID.length;
            for (int end = start; end < length; end++) {
                if (m[end] == '"') {
                    return new String(m, start, end - start, StandardCharsets.UTF_8);
                }
            }
            return null;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (connections) {
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
