package dev.herald.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs request bodies: {@code sha256=<lower-case hex HMAC-SHA256(secret, body bytes)>}, GitHub's
 * {@code X-Hub-Signature-256} scheme.
 */
final class BodySignature {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final SecretKeySpec key;
    private final String header;

    private BodySignature(SecretKeySpec key, String header) {
        this.key = key;
        this.header = header;
    }

    /** Empty when no secret is configured. */
    static Optional<BodySignature> of(String secret, String header) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String name = header == null ? "" : header.trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("hmac_header '" + header + "' is not a header name, e.g."
                    + " X-Herald-Signature");
        }
        return Optional.of(new BodySignature(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), name));
    }

    String header() {
        return header;
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is stateful: one per signature
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot compute " + ALGORITHM, e);
        }
    }
}
