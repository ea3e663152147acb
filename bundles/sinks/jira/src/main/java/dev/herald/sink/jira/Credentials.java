package dev.herald.sink.jira;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code Authorization} header for {@code auth}: {@code basic} with an Atlassian account's
 * email and API token (Jira Cloud), or {@code bearer} with a personal access token (Data Center).
 * The header value is the secret: never log it or put it in a reason.
 */
final class Credentials {
    private Credentials() {
    }

    static String header(String auth, String username, String token) {
        String kind = auth == null || auth.isBlank() ? "basic" : auth.strip().toLowerCase(Locale.ROOT);
        String user = username == null ? "" : username.strip();
        String secret = token == null ? "" : token.strip();
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("token is required: an API token (Cloud: id.atlassian.com > Security"
                    + " > API tokens) for auth = basic, or a personal access token (Data Center) for auth = bearer");
        }
        if (secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("token holds spaces, control or non-ASCII characters: paste it again");
        }
        switch (kind) {
            case "basic":
                if (user.isEmpty()) {
                    throw new IllegalArgumentException("username is required for auth = basic: the email address of"
                            + " the Atlassian account that owns the API token");
                }
                if (user.contains(":")) {
                    throw new IllegalArgumentException("username must not contain ':' (HTTP Basic cannot carry it)");
                }
                String pair = user + ":" + secret;
                return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            case "bearer":
                if (!user.isEmpty()) {
                    throw new IllegalArgumentException("username is set but auth is bearer: a personal access token"
                            + " carries the user; remove username, or set auth = basic");
                }
                return "Bearer " + secret;
            default:
                throw new IllegalArgumentException("auth '" + auth + "' is not supported: use basic (Cloud: email +"
                        + " API token) or bearer (Data Center: personal access token)");
        }
    }
}
