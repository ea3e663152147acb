package dev.herald.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of failure reasons: shows a request's URL without user-info and query values
 * (and without its path when the path is the credential), and blanks out in any text the
 * credentials the request carried, in case the server echoes them back.
 */
final class Redactor {
    static final String MASK = "****";

    /** Request headers whose values are treated as secrets. */
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i)authorization|proxy-authorization|cookie|.*(token|secret|password|api-?key|signature|session).*");
    /** Shorter strings are too likely to be ordinary words to blank out everywhere. */
    private static final int SHORTEST_SECRET = 4;

    private final URI uri;
    private final boolean hidePath;
    private final List<String> secrets;

    private Redactor(URI uri, boolean hidePath, List<String> secrets) {
        this.uri = uri;
        this.hidePath = hidePath;
        this.secrets = secrets;
    }

    static Redactor of(HttpRequest request, boolean hidePath) {
        List<String> secrets = new ArrayList<>();
        request.headers().map().forEach((name, values) -> {
            if (SECRET_HEADER.matcher(name).matches()) {
                values.forEach(v -> {
                    secrets.add(v);
                    int space = v.indexOf(' ');
                    if (space > 0) {
                        secrets.add(v.substring(space + 1).trim()); // the credential after "Bearer "
                    }
                });
            }
        });
        URI uri = request.uri();
        if (uri.getRawUserInfo() != null) {
            secrets.add(uri.getRawUserInfo());
            secrets.add(uri.getUserInfo());
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq >= 0) {
                    String value = pair.substring(eq + 1);
                    secrets.add(value);
                    secrets.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            }
        }
        if (hidePath && uri.getRawPath() != null) {
            secrets.add(uri.getRawPath());
            secrets.addAll(List.of(uri.getRawPath().split("/")));
        }
        secrets.removeIf(s -> s == null || s.trim().length() < SHORTEST_SECRET);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(uri, hidePath, List.copyOf(secrets));
    }

    /** The request URL as reasons show it. */
    String url() {
        return display(uri);
    }

    /** Another URL (a redirect's {@code Location}) shown the same way, resolved against the request's. */
    String url(String location) {
        try {
            return display(uri.resolve(location));
        } catch (IllegalArgumentException e) {
            return "an invalid location";
        }
    }

    /** {@code text} with every credential of the request replaced by {@value #MASK}. */
    String scrub(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** {@code host:port} as the connection sees it. */
    String hostAndPort() {
        int port = uri.getPort() > 0 ? uri.getPort()
                : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private String display(URI target) {
        StringBuilder s = new StringBuilder().append(target.getScheme()).append("://").append(target.getHost());
        if (target.getPort() > 0) {
            s.append(':').append(target.getPort());
        }
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        s.append(hidePath && !path.isEmpty() ? "/…" : path);
        if (target.getRawQuery() != null) {
            s.append('?');
            String[] pairs = target.getRawQuery().split("&");
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                s.append(i > 0 ? "&" : "").append(eq >= 0 ? pairs[i].substring(0, eq) + "=…" : pairs[i]);
            }
        }
        return s.toString();
    }
}
