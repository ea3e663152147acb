package dev.herald.observe.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may read {@code /metrics}: a scraper with the configured bearer token, or a user of
 * Karaf's JAAS realm with the configured role (HTTP basic, as for the web console).
 */
final class MetricsAccess {
    /** Checks a user name and password against Karaf's JAAS realm and the role. */
    interface Realm {
        boolean permits(String user, char[] password);
    }

    private final byte[] token;
    private final Realm realm;

    /**
     * @param token the bearer token, or blank when only realm users may read
     */
    MetricsAccess(String token, Realm realm) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.realm = realm;
    }

    /** Whether the request's {@code Authorization} header grants access. */
    boolean permits(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // constant time: how much of the token a guess got right must not show in the answer's timing
            return token != null && MessageDigest.isEqual(token,
                    authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon > 0 && realm.permits(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        }
        return false;
    }
}
