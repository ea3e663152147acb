package dev.herald.sink.syslog;

import dev.herald.api.DeliveryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Explains a failed send. Every network failure is retryable (the receiver, the network or its
 * certificate can be fixed while Herald waits); the reason says what to check.
 */
final class Failures {
    private Failures() {
    }

    /** @param endpoint e.g. {@code tls://siem.example.com:6514} */
    static DeliveryException of(IOException e, String endpoint) {
        return DeliveryException.retryable(reason(e, endpoint), e);
    }

    static String reason(IOException e, String endpoint) {
        if (e instanceof UnknownHostException) {
            return "cannot resolve the host of " + endpoint + ": check host and DNS";
        }
        if (e instanceof ConnectException) {
            return "connection to " + endpoint + " refused: is the syslog receiver running and listening there?";
        }
        if (e instanceof PortUnreachableException) {
            return endpoint + " answered 'port unreachable': is the syslog receiver listening on UDP there?";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + endpoint + ": check the network and firewalls";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out talking to " + endpoint + " (" + e.getMessage() + "): check the receiver and firewalls,"
                    + " or raise connect_timeout / write_timeout";
        }
        if (e instanceof SSLHandshakeException && hasCause(e, CertificateException.class)) {
            return "the certificate of " + endpoint + " is not accepted (" + rootMessage(e) + "): if it is signed by"
                    + " a private CA, set ca_bundle to that CA's PEM file; if it does not name the host, connect"
                    + " with a name it carries or have the receiver's certificate reissued";
        }
        if (e instanceof SSLException) {
            return "TLS with " + endpoint + " failed (" + rootMessage(e) + "): does the receiver speak TLS on this port,"
                    + " and does it require a client certificate (client_certificate, client_key)?";
        }
        return "sending to " + endpoint + " failed: " + e + "; the connection is dropped and opened again on retry";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
