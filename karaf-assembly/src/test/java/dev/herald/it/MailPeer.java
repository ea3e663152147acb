package dev.herald.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * A real SMTP server (GreenMail) for the suites that deliver mail. Pax Exam calls a suite's
 * {@code @Configuration} in the driving JVM, outside Karaf: the server is started there, once, and
 * the container reaches it on loopback (SMTP to send, POP3 to read what arrived).
 */
final class MailPeer {
    static final String MAILBOX = "soc@herald.test";
    static final String PASSWORD = "it-pop3-password";
    private static GreenMail server;
    private static int smtpPort;
    private static int pop3Port;

    private MailPeer() {
    }

    /** Starts the server on first use; returns {smtp port, pop3 port}. */
    static synchronized int[] ports() throws IOException {
        if (server == null) {
            smtpPort = freePort();
            pop3Port = freePort();
            server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(pop3Port, "127.0.0.1", ServerSetup.PROTOCOL_POP3)});
            server.start();
            server.setUser(MAILBOX, MAILBOX, PASSWORD);
        }
        return new int[] {smtpPort, pop3Port};
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
