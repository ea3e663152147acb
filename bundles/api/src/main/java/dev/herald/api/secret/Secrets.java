package dev.herald.api.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret values by reference, within this JVM. Core conceals every PASSWORD property of a plugin's
 * configuration before Declarative Services sees it; the component gets
 * {@code herald-secret:<hex>} in its properties, and calls {@link #reveal} where it needs the
 * value (building an Authorization header, signing a request).
 *
 * <p>The reference is an HMAC of the value under a key drawn at start-up, so it neither reveals
 * nor helps guess the secret, and the same value always gets the same reference (the table does
 * not grow with every reconfiguration).
 */
public final class Secrets {
    /** What every reference starts with. */
    public static final String PREFIX = "herald-secret:";
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();
    private static final byte[] KEY = new SecureRandom().generateSeed(32);

    private Secrets() {
    }

    /** The reference standing for {@code value}; blank values stay as they are (nothing to hide). */
    public static String conceal(String value) {
        if (value == null || value.isBlank() || value.startsWith(PREFIX)) {
            return value;
        }
        String reference = PREFIX + hmac(value);
        VALUES.putIfAbsent(reference, value);
        return reference;
    }

    /**
     * The value behind a reference. Anything else is returned as it is: a configuration that did
     * not pass through core (a unit test, a component built by hand) carries the value itself.
     *
     * @throws IllegalStateException when a reference is unknown to this JVM (copied from another one)
     */
    public static String reveal(String valueOrReference) {
        if (valueOrReference == null || !valueOrReference.startsWith(PREFIX)) {
            return valueOrReference;
        }
        String value = VALUES.get(valueOrReference);
        if (value == null) {
            throw new IllegalStateException("secret reference " + valueOrReference + " is unknown to this Herald:"
                    + " configure the secret itself (or $[secret:…]), not a reference shown by Karaf");
        }
        return value;
    }

    private static String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no HmacSHA256", e);
        }
    }
}
