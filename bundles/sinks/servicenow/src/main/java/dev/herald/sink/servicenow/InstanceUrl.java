package dev.herald.sink.servicenow;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The base URL of a ServiceNow instance from the {@code instance} setting: a short name ({@code
 * acme} → {@code https://acme.service-now.com}), a host name ({@code acme.servicenowservices.com})
 * or a full URL ({@code https://snow.internal.example:8443}).
 */
final class InstanceUrl {
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final String EXAMPLES = "write the instance name (acme for https://acme.service-now.com), its"
            + " host name (acme.servicenowservices.com) or its URL (https://snow.example.com:8443)";

    private InstanceUrl() {
    }

    /** The base URL, without a trailing slash. */
    static URI parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("instance is required: " + EXAMPLES);
        }
        if (SHORT_NAME.matcher(v).matches()) {
            return URI.create("https://" + v.toLowerCase(Locale.ROOT) + ".service-now.com");
        }
        URI uri;
        try {
            uri = new URI(v.contains("://") ? v : "https://" + v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("instance '" + v + "' is not a valid host name or URL ("
                    + e.getReason() + "): " + EXAMPLES);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("instance '" + v + "' must be an http(s) host or URL without a path"
                    + " (Herald appends /api/now/table/<table>): " + EXAMPLES);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("instance must not carry credentials (user:password@): set username"
                    + " and password");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }
}
