package dev.herald.sink.servicenow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authorization} header for the {@code auth} setting: {@code basic} (a ServiceNow user
 * with username and password) or {@code bearer} (an OAuth access token). Never shows a secret.
 *
 * @param header  the header value
 * @param secrets the configured secrets, to scrub from failure reasons
 */
record Credentials(String header, List<String> secrets) {

    static Credentials of(String auth, String username, String password, String token) {
        String kind = auth == null || auth.isBlank() ? "basic" : auth.trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "basic":
                if (isSet(token)) {
                    throw new IllegalArgumentException("token is set but auth is basic: set auth = bearer to use the"
                            + " OAuth token, or remove it");
                }
                if (!isSet(username) || !isSet(password)) {
                    throw new IllegalArgumentException("username and password are required for auth = basic: a"
                            + " ServiceNow user with the itil role (or a web-service-only integration user)");
                }
                if (username.contains(":")) {
                    throw new IllegalArgumentException("username must not contain ':' (HTTP Basic cannot carry it)");
                }
                String pair = username.trim() + ":" + password;
                return new Credentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                        List.of(password));
            case "bearer":
                if (!isSet(token)) {
                    throw new IllegalArgumentException("token is required for auth = bearer: an OAuth access token"
                            + " issued by the instance (System OAuth > Application Registry)");
                }
                if (isSet(username) || isSet(password)) {
                    throw new IllegalArgumentException("username/password are set but auth is bearer: set auth ="
                            + " basic, or remove them");
                }
                String t = token.trim();
                if (!t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new IllegalArgumentException("token holds spaces, control or non-ASCII characters:"
                            + " paste it again");
                }
                return new Credentials("Bearer " + t, List.of(t));
            default:
                throw new IllegalArgumentException("auth '" + auth + "' is not supported: use basic or bearer");
        }
    }

    /** {@code text} with every configured secret replaced by a placeholder. */
    String scrub(String text) {
        String out = text;
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                out = out.replace(secret, "<secret>");
            }
        }
        return out;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
