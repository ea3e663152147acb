package dev.herald.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks a URL setting the way every HTTP plugin does, with messages that name the property, what
 * is wrong and an example: present, a valid URL, http or https with a host, no credentials in it,
 * and, as the plugin asks, nothing after the path or https only. A secret URL (a webhook whose
 * path or query is the credential) is never quoted.
 *
 * <pre>{@code
 * URI url = HttpUrl.of("api_url", config.api__url()).example("https://events.pagerduty.com").baseOnly().parse();
 * }</pre>
 */
public final class HttpUrl {
    private final String property;
    private final String value;
    private String example = "";
    private String required = "";
    private String credentials = "put them in the sink's credential settings";
    private boolean secret;
    private boolean baseOnly;
    private boolean httpsUnlessLoopback;

    private HttpUrl(String property, String value) {
        this.property = property;
        this.value = value == null ? "" : value.trim();
    }

    /** The setting {@code property} (its name in the configuration) with the configured {@code value}. */
    public static HttpUrl of(String property, String value) {
        return new HttpUrl(property, value);
    }

    /** A URL the messages show as an example. */
    public HttpUrl example(String exampleUrl) {
        this.example = exampleUrl;
        return this;
    }

    /** What the setting is, for the message when it is missing; the example by default. */
    public HttpUrl whenMissing(String whatItIs) {
        this.required = whatItIs;
        return this;
    }

    /** Where credentials belong instead of {@code user:password@}, for the message. */
    public HttpUrl credentialsIn(String where) {
        this.credentials = where;
        return this;
    }

    /** The URL is a credential: messages never quote it. */
    public HttpUrl secret() {
        this.secret = true;
        return this;
    }

    /** No query and no fragment: a base URL the plugin appends paths to. */
    public HttpUrl baseOnly() {
        this.baseOnly = true;
        return this;
    }

    /** https only; plain http is accepted to this machine, for tests. */
    public HttpUrl httpsUnlessLoopback() {
        this.httpsUnlessLoopback = true;
        return this;
    }

    /**
     * The checked URL.
     *
     * @throws IllegalArgumentException naming the property, what is wrong and what to write
     */
    public URI parse() {
        String eg = example.isEmpty() ? "" : ", e.g. " + example;
        if (value.isEmpty()) {
            throw new IllegalArgumentException(property + " is required: " + (required.isEmpty() ? "a URL" + eg : required));
        }
        String shown = secret ? property + " (not shown: it is a secret)" : property + " '" + value + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // the reason only for a secret: it quotes the input
            throw new IllegalArgumentException(shown + " is not a valid URL" + (secret ? "" : " (" + e.getReason() + ")")
                    + (secret ? ": copy it again" : example.isEmpty() ? "" : ": write e.g. " + example));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (httpsUnlessLoopback) {
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
                throw new IllegalArgumentException(shown + " must be an https:// URL with a host" + eg
                        + " (plain http is only accepted to this machine, for tests)");
            }
        } else if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(shown + " must be an http:// or https:// URL with a host" + eg);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + " must not carry credentials (user:password@): " + credentials);
        }
        if (baseOnly && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
            throw new IllegalArgumentException(shown + " must have nothing after the path (no ?query or #fragment)" + eg);
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
