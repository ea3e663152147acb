package dev.herald.http;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds {@link HttpSender}s. In Karaf this is a Declarative Services service: reference it from
 * the plugin's component ({@code @Reference HttpClients http}) rather than building clients by
 * hand, because it carries Herald's site-wide defaults, the {@code dev.herald.http}
 * configuration: a default {@code proxy}, {@code connect_timeout} and {@code read_timeout}, and a
 * {@code ca_bundle} trusted by every client (a TLS-inspecting proxy's CA, typically). When that
 * configuration changes the service is re-registered, so the components holding it are
 * re-activated and rebuild their senders with the new defaults. Outside OSGi (unit tests), use
 * {@link #standalone()}.
 *
 * <p>Settings a plugin leaves unset take the defaults; without any configuration those are a
 * 10 s connect timeout, a 30 s read timeout and the JVM's proxy settings ({@code
 * https.proxyHost}, …). CA bundles add up: the JVM's trust store, then the default bundle, then
 * the instance's.
 */
@ProviderType
public interface HttpClients {

    /**
     * A sender for one plugin instance.
     *
     * @throws IllegalArgumentException when the settings' CA bundle cannot be read, with a
     *                                  message naming {@code ca_bundle}
     */
    HttpSender create(HttpSettings settings);

    /** Clients with the built-in defaults, for use outside an OSGi framework. */
    static HttpClients standalone() {
        return withDefaults(HttpSettings.builder("Herald defaults").build());
    }

    /**
     * Clients whose unset settings come from {@code defaults} (its timeouts, proxy and CA
     * bundle; {@code insecure} cannot be a default).
     *
     * @throws IllegalArgumentException when the defaults are invalid, naming the key
     */
    static HttpClients withDefaults(HttpSettings defaults) {
        return new DefaultHttpClients(defaults);
    }
}
