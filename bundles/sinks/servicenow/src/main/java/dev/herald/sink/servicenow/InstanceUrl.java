package dev.herald.sink.servicenow;

import dev.herald.http.HttpUrl;
import java.net.URI;
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
        URI uri = HttpUrl.of("instance", v.contains("://") ? v : "https://" + v).baseOnly()
                .credentialsIn("set username and password").parse();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("instance '" + v + "' must be a host or URL without a path"
                    + " (Herald appends /api/now/table/<table>): " + EXAMPLES);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }
}
