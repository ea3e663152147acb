package dev.herald.http;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Optional;

/** Parses the {@code proxy} setting: {@code host:port}, {@code direct}, or blank for the default. */
final class ProxySpec {
    private ProxySpec() {
    }

    /** The canonical form ({@code ""}, {@code direct} or {@code host:port}), or a clear error. */
    static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String v = value.trim();
        if (v.equalsIgnoreCase(HttpSettings.DIRECT)) {
            return HttpSettings.DIRECT;
        }
        InetSocketAddress address = address(v);
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * The selector for a canonical value: empty for {@code ""} (keep the JVM's default selector),
     * {@link HttpClient.Builder#NO_PROXY} for {@code direct}.
     */
    static Optional<ProxySelector> selector(String canonical) {
        if (canonical.isEmpty()) {
            return Optional.empty();
        }
        if (canonical.equals(HttpSettings.DIRECT)) {
            return Optional.of(HttpClient.Builder.NO_PROXY);
        }
        return Optional.of(ProxySelector.of(address(canonical)));
    }

    private static InetSocketAddress address(String value) {
        String hostPort = value.toLowerCase(Locale.ROOT).startsWith("http://")
                ? value.substring("http://".length()) : value;
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        try {
            URI uri = new URI("http://" + hostPort);
            String host = uri.getHost();
            if (host != null && uri.getPort() > 0 && uri.getPort() <= 65535 && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                return InetSocketAddress.createUnresolved(bare, uri.getPort());
            }
        } catch (URISyntaxException e) {
            // reported below, with the accepted forms
        }
        throw new IllegalArgumentException("proxy '" + value + "' is not host:port: write e.g."
                + " proxy.example.com:3128, 'direct' for no proxy, or leave it empty for Herald's default");
    }
}
