package dev.herald.sink.mail;

import dev.herald.api.DeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Classifies what Jakarta Mail threw: an SMTP 4xx reply, a refused connection or a timeout is
 * retryable; a failed login or a 5xx reply is permanent. The reason carries the server's own reply
 * (never the password).
 */
final class SmtpFailures {
    private final String server;
    private final String username;

    /**
     * @param server   host:port, for the reasons
     * @param username the login, or empty
     */
    SmtpFailures(String server, String username) {
        this.server = server;
        this.username = username;
    }

    DeliveryException classify(MessagingException error) {
        if (error instanceof AuthenticationFailedException) {
            return DeliveryException.permanent("SMTP server " + server + " refused the login of '" + username + "': "
                    + reply(error) + ": check username and password (with MFA, an app password)", error);
        }
        int code = replyCode(error);
        if (code >= 400 && code < 500) {
            return DeliveryException.retryable("SMTP server " + server + " answered " + reply(error)
                    + " (temporary: will retry)", error);
        }
        if (code >= 500) {
            return DeliveryException.permanent("SMTP server " + server + " answered " + reply(error)
                    + (code == 530 ? ": the server requires authentication: set username and password" : ""), error);
        }
        IOException io = find(error, IOException.class);
        if (io != null) {
            return DeliveryException.retryable(describe(io), error);
        }
        if (String.valueOf(error.getMessage()).contains("STARTTLS")) {
            return DeliveryException.permanent("SMTP server " + server + " does not offer STARTTLS and security ="
                    + " starttls requires it: use the server's STARTTLS port (587), security = smtps (port 465),"
                    + " or security = none only on a trusted network (" + reply(error) + ")", error);
        }
        return DeliveryException.retryable("SMTP with " + server + " failed: " + reply(error), error);
    }

    private String describe(IOException io) {
        if (io instanceof ConnectException) {
            return "cannot connect to SMTP server " + server + " (" + io.getMessage() + "): is it up? check host,"
                    + " port and the firewall";
        }
        if (io instanceof SocketTimeoutException) {
            return "SMTP server " + server + " did not answer in time (" + io.getMessage() + "): check host, port"
                    + " and the firewall, or raise connect_timeout / read_timeout";
        }
        if (io instanceof UnknownHostException) {
            return "cannot resolve the SMTP host of " + server + ": check host and DNS";
        }
        if (io instanceof SSLException || io.getMessage() != null && io.getMessage().contains("verify identity")) {
            return "TLS with SMTP server " + server + " failed (" + io.getMessage() + "): check that the server's"
                    + " certificate is valid for this host name; if it comes from a private CA, set ca_bundle to"
                    + " that CA's PEM file; with security = starttls/smtps check that the port matches";
        }
        return "I/O error with SMTP server " + server + ": " + io;
    }

    /** The first SMTP reply code along the chain of nested exceptions, or 0. */
    private static int replyCode(MessagingException error) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException f && f.getReturnCode() > 0) {
                return f.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException f && f.getReturnCode() > 0) {
                return f.getReturnCode();
            }
        }
        return 0;
    }

    /** The server's reply texts along the chain (a rejected recipient is a nested exception). */
    private static String reply(MessagingException error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t instanceof MessagingException && text.length() < 1000; t = next(t)) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (!message.isEmpty() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : "; ").append(message);
            }
        }
        return text.length() == 0 ? error.getClass().getSimpleName() : text.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        return next == t ? null : next;
    }
}
