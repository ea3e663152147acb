package dev.herald.http;

import dev.herald.http.tls.TlsTrust;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link HttpClients} over the JDK client, filling unset settings from a set of defaults. */
final class DefaultHttpClients implements HttpClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final HttpSettings defaults;
    private final List<X509Certificate> defaultCas;
    private final Logger log;

    DefaultHttpClients(HttpSettings defaults) {
        this(defaults, LoggerFactory.getLogger(HttpClients.class));
    }

    DefaultHttpClients(HttpSettings defaults, Logger log) {
        if (defaults.insecure()) {
            throw new IllegalArgumentException("insecure cannot be a default for every client: set it on"
                    + " the one sink or source that needs it");
        }
        this.defaults = defaults;
        this.defaultCas = defaults.caBundle().map(TlsTrust::readPem).orElse(List.of());
        this.log = log;
    }

    @Override
    public HttpSender create(HttpSettings settings) {
        Duration connect = settings.connectTimeout().or(defaults::connectTimeout).orElse(CONNECT_TIMEOUT);
        Duration read = settings.readTimeout().or(defaults::readTimeout).orElse(READ_TIMEOUT);
        // HTTP/1.1: the most compatible with proxies and TLS-inspecting middleboxes, and a sink's
        // single worker sends one request at a time, so HTTP/2 multiplexing would buy nothing.
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connect);
        ProxySpec.selector(settings.proxy().isEmpty() ? defaults.proxy() : settings.proxy())
                .ifPresent(client::proxy);
        sslContext(settings).ifPresent(client::sslContext);
        return new JdkHttpSender(client.build(), settings, connect, read);
    }

    private Optional<SSLContext> sslContext(HttpSettings settings) {
        if (settings.insecure()) {
            log.warn("TLS verification is DISABLED for {} (insecure=true): any certificate and any host name"
                    + " are accepted, so anyone on the network path can read and change its traffic."
                    + " Set ca_bundle to the server's CA certificate instead.", settings.owner());
            return Optional.of(TlsTrust.trustingAnything());
        }
        List<X509Certificate> cas = new ArrayList<>(defaultCas);
        settings.caBundle().map(TlsTrust::readPem).ifPresent(cas::addAll);
        return cas.isEmpty() ? Optional.empty() : Optional.of(TlsTrust.jvmTrustPlus(cas));
    }
}
