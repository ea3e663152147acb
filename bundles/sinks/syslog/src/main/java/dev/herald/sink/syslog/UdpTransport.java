package dev.herald.sink.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;

/** RFC 5426: one datagram per message, no framing, no delivery guarantee. */
final class UdpTransport implements Transport {
    private final String host;
    private final int port;
    private DatagramSocket socket;

    UdpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public synchronized void send(Frames messages) throws IOException {
        if (socket == null) {
            socket = open();
        }
        try {
            for (int i = 0; i < messages.count(); i++) {
                socket.send(new DatagramPacket(messages.array(), messages.start(i), messages.length(i)));
            }
        } catch (IOException e) {
            close(); // the next send connects again, resolving the host name anew
            throw e;
        }
    }

    /** Connected, so that the host name is resolved again after a failure and ICMP errors are reported. */
    private DatagramSocket open() throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        DatagramSocket s = new DatagramSocket();
        try {
            s.connect(address);
        } catch (SocketException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
