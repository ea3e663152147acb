package dev.herald.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * How one sink or source instance talks HTTP. Unset values fall back to Herald's defaults (the
 * {@code dev.herald.http} configuration, see {@link HttpClients}).
 *
 * <p>Validation messages name the conventional configuration keys, {@code connect_timeout},
 * {@code read_timeout}, {@code proxy}, {@code ca_bundle} and {@code insecure}; plugins should use
 * these keys in their own configuration so that a message points at the right line.
 *
 * <p><b>Trust.</b> A {@linkplain Builder#caBundle CA bundle} is <em>added to</em> the JVM's
 * trust store, it does not replace it: the usual reason to configure one is a private CA (an
 * on-premises PCE, a TLS-inspecting proxy), and adding it must not break the public endpoints the
 * same Herald reaches through the same proxy. Host names are always verified unless {@linkplain
 * Builder#insecure insecure} is set, which disables every certificate check and is logged loudly.
 */
public final class HttpSettings {
    /** Sent when a plugin does not name itself, see {@link Builder#userAgentOf(Class)}. */
    public static final String DEFAULT_USER_AGENT = "Herald";

    /** The {@link #proxy()} value meaning "connect directly, whatever the defaults say". */
    public static final String DIRECT = "direct";

    private final String owner;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String proxy;
    private final Path caBundle;
    private final boolean insecure;
    private final String userAgent;
    private final boolean redactUrlPath;

    private HttpSettings(Builder b) {
        this.owner = b.owner;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.proxy = b.proxy;
        this.caBundle = b.caBundle;
        this.insecure = b.insecure;
        this.userAgent = b.userAgent;
        this.redactUrlPath = b.redactUrlPath;
    }

    /**
     * Starts settings for one plugin instance.
     *
     * @param owner who uses the client, as operators know it, e.g. {@code sink webhook/soc}; it
     *              appears in warnings
     */
    public static Builder builder(String owner) {
        return new Builder(owner);
    }

    /** Who uses the client, e.g. {@code sink webhook/soc}. */
    public String owner() { return owner; }

    /** How long to wait for a TCP (and TLS) connection; empty for the default. */
    public Optional<Duration> connectTimeout() { return Optional.ofNullable(connectTimeout); }

    /** How long to wait for the complete response once connected; empty for the default. */
    public Optional<Duration> readTimeout() { return Optional.ofNullable(readTimeout); }

    /**
     * The proxy: {@code host:port}, {@link #DIRECT} for none, or empty for the default (Herald's
     * {@code dev.herald.http} proxy, else the JVM's {@code https.proxyHost} settings).
     */
    public String proxy() { return proxy; }

    /** A PEM file of CA certificates trusted in addition to the JVM's. */
    public Optional<Path> caBundle() { return Optional.ofNullable(caBundle); }

    /** Whether TLS certificate and host name verification is disabled. */
    public boolean insecure() { return insecure; }

    /** The {@code User-Agent} sent with every request that does not set its own. */
    public String userAgent() { return userAgent; }

    /** Whether failure reasons hide the URL path (for URLs whose path is the secret). */
    public boolean redactUrlPath() { return redactUrlPath; }

    @Override
    public String toString() {
        return "HttpSettings[" + owner + ", connect_timeout=" + connectTimeout + ", read_timeout="
                + readTimeout + ", proxy=" + proxy + ", ca_bundle=" + caBundle + ", insecure="
                + insecure + "]";
    }

    /** Builds {@link HttpSettings}; setters reject invalid values with a message naming the key. */
    public static final class Builder {
        private final String owner;
        private Duration connectTimeout;
        private Duration readTimeout;
        private String proxy = "";
        private Path caBundle;
        private boolean insecure;
        private String userAgent = DEFAULT_USER_AGENT;
        private boolean redactUrlPath;

        private Builder(String owner) {
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("HTTP settings need an owner, e.g. 'sink webhook/soc'");
            }
            this.owner = owner;
        }

        /** Null or zero: the default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positiveOrDefault(timeout, "connect_timeout");
            return this;
        }

        /** Null or zero: the default. Covers the whole response, headers and body. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positiveOrDefault(timeout, "read_timeout");
            return this;
        }

        /**
         * {@code host:port} (an {@code http://} prefix is tolerated), {@link #DIRECT}, or null/blank
         * for the default.
         */
        public Builder proxy(String proxy) {
            this.proxy = ProxySpec.normalize(proxy);
            return this;
        }

        /** Path of a PEM file with one or more CA certificates; null or blank for none. */
        public Builder caBundle(String path) {
            this.caBundle = path == null || path.isBlank() ? null : Path.of(path.trim());
            return this;
        }

        /**
         * Disables TLS certificate and host name verification. Only for tests and emergencies:
         * a WARN naming the owner is logged whenever such a client is built.
         */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /**
         * Applies a plugin instance's {@code connect_timeout}, {@code read_timeout} (seconds, 0 for
         * the default), {@code proxy}, {@code ca_bundle} and {@code insecure}.
         */
        public Builder connection(HttpConnection connection) {
            return connectTimeout(Duration.ofSeconds(connection.connect__timeout()))
                    .readTimeout(Duration.ofSeconds(connection.read__timeout()))
                    .proxy(connection.proxy())
                    .caBundle(connection.ca__bundle())
                    .insecure(connection.insecure());
        }

        /** The {@code User-Agent} header value. */
        public Builder userAgent(String userAgent) {
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException("User-Agent must not be blank");
            }
            this.userAgent = userAgent.trim();
            return this;
        }

        /**
         * Sends {@code Herald/<version>}, the version of the bundle that holds {@code component}
         * ({@code Herald/dev} outside an OSGi framework, e.g. in unit tests).
         */
        public Builder userAgentOf(Class<?> component) {
            Bundle bundle = FrameworkUtil.getBundle(component);
            return userAgent(DEFAULT_USER_AGENT + "/" + (bundle == null ? "dev" : bundle.getVersion()));
        }

        /**
         * Hides the URL path in failure reasons, for URLs whose path is itself a credential
         * (Slack incoming webhooks). Query values and user-info are always hidden.
         */
        public Builder redactUrlPath(boolean redact) {
            this.redactUrlPath = redact;
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(this);
        }

        private static Duration positiveOrDefault(Duration timeout, String key) {
            if (timeout == null || timeout.isZero()) {
                return null;
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(key + " must be a positive number of seconds, or 0 for"
                        + " Herald's default; was " + timeout.toSeconds());
            }
            return timeout;
        }
    }
}
