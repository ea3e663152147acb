package dev.herald.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The {@code Authorization} header value for the {@code auth} setting. Never shows a secret. */
final class Authorization {
    private Authorization() {
    }

    /**
     * @param auth {@code none}, {@code bearer} or {@code basic}
     * @return the header value, empty for {@code none}
     */
    static Optional<String> header(String auth, String token, String username, String password) {
        String kind = auth == null || auth.isBlank() ? "none" : auth.trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "none":
                if (isSet(token)) {
                    throw new IllegalArgumentException("token is set but auth is none: set auth = bearer, or remove the token");
                }
                if (isSet(username) || isSet(password)) {
                    throw new IllegalArgumentException("username/password are set but auth is none: set auth = basic,"
                            + " or remove them");
                }
                return Optional.empty();
            case "bearer":
                if (!isSet(token)) {
                    throw new IllegalArgumentException("token is required for auth = bearer");
                }
                if (!HeaderLine.isValidValue(token.trim())) {
                    throw new IllegalArgumentException("token holds control or non-Latin-1 characters: paste it again");
                }
                return Optional.of("Bearer " + token.trim());
            case "basic":
                if (!isSet(username) || !isSet(password)) {
                    throw new IllegalArgumentException("username and password are required for auth = basic");
                }
                if (username.contains(":")) {
                    throw new IllegalArgumentException("username must not contain ':' (HTTP Basic cannot carry it)");
                }
                String pair = username.trim() + ":" + password;
                return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            default:
                throw new IllegalArgumentException("auth '" + auth + "' is not supported: use none, bearer or basic");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
