package dev.herald.http;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * The classification every Herald HTTP client shares, and the operator-facing reasons: 2xx is
 * success; 408, 429 and 5xx except 501 are retryable, with {@code Retry-After} honoured; every
 * other status is permanent (3xx included: redirects are not followed); I/O failures and timeouts
 * are retryable.
 */
final class Failures {
    private final Clock clock;

    Failures(Clock clock) {
        this.clock = clock;
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500 && status != 501;
    }

    /** A response with a status other than 2xx; {@code body} is its start, already one line. */
    HttpFailure status(String method, int status, HttpHeaders headers, String body, Redactor redactor) {
        String excerpt = redactor.scrub(body);
        String reason = "HTTP " + status + " from " + redactor.url()
                + (excerpt.isEmpty() ? " (empty body)" : ": " + excerpt) + " — " + hint(status, method);
        if (!isRetryable(status)) {
            if (status >= 300 && status < 400) {
                reason += headers.firstValue("Location").map(l -> " to " + redactor.url(l)).orElse("")
                        + ": configure the final URL instead";
            }
            return new HttpFailure(reason, false, status, null, excerpt, null);
        }
        Duration wait = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock).orElse(null);
        if (wait != null) {
            reason += " (Retry-After: " + wait.toSeconds() + " s)";
        }
        return new HttpFailure(reason, true, status, wait, excerpt, null);
    }

    /** No response: a timeout or an I/O error, always retryable. */
    HttpFailure io(Throwable error, Redactor redactor, Duration connectTimeout, Duration readTimeout) {
        String reason;
        if (has(error, HttpConnectTimeoutException.class)) {
            reason = "could not connect to " + redactor.hostAndPort() + " within " + seconds(connectTimeout)
                    + " (connect_timeout): check the URL, the firewall and the proxy";
        } else if (has(error, HttpTimeoutException.class)) {
            reason = "no response from " + redactor.url() + " within " + seconds(readTimeout) + " (read_timeout)";
        } else if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
            reason = "cannot resolve the host of " + redactor.url() + ": check the URL, DNS and the proxy";
        } else if (has(error, SSLException.class)) {
            reason = "TLS with " + redactor.hostAndPort() + " failed (" + message(error, SSLException.class)
                    + "): check that the server's certificate is valid for this host name; if it comes from a"
                    + " private CA, set ca_bundle to that CA's PEM file";
        } else if (has(error, ConnectException.class)) {
            // the JDK client reports a refused connection as a ConnectException without a message
            String why = message(error, ConnectException.class);
            reason = "cannot connect to " + redactor.hostAndPort() + " ("
                    + (why.equals(ConnectException.class.getSimpleName()) ? "connection refused" : why)
                    + "): is the service up? check the URL and the proxy";
        } else {
            reason = "I/O error with " + redactor.url() + ": " + describe(error);
        }
        return new HttpFailure(redactor.scrub(reason), true, 0, null, "", error);
    }

    /** The whole exchange outlived connect + read timeouts (a peer trickling its answer). */
    HttpFailure deadline(Redactor redactor, Duration deadline) {
        return new HttpFailure("no complete response from " + redactor.url() + " within " + seconds(deadline)
                + " (connect_timeout + read_timeout)", true, 0, null, "", null);
    }

    HttpFailure interrupted(Redactor redactor, InterruptedException e) {
        return new HttpFailure("interrupted while sending to " + redactor.url() + " (Herald is stopping?)",
                true, 0, null, "", e);
    }

    private static String hint(int status, String method) {
        switch (status) {
            case 400: return "the server rejected the request: check the body the template produces and the"
                    + " format the endpoint expects";
            case 401: return "check the credentials (token, or username and password)";
            case 403: return "the credentials are not allowed to do this: check their permissions or scopes";
            case 404: return "check the URL";
            case 405: return "the endpoint does not accept " + method + ": check the method and the URL";
            case 408: return "the server timed out waiting for the request";
            case 410: return "the endpoint no longer exists: check the URL";
            case 413: return "the body is too large for the server: shorten the template";
            case 415: return "the server does not accept this Content-Type: check the content type";
            case 422: return "the server could not process the content: check the body the template produces";
            case 429: return "rate limited by the server: lower the rate if this persists";
            case 501: return "the server does not implement " + method + ": check the method and the URL";
            default:
                if (status >= 500) {
                    return "the server failed; it may recover";
                }
                return status >= 300 && status < 400 ? "Herald does not follow redirects" : "the server refused the request";
        }
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            }
        }
        return describe(error);
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
