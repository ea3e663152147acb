package dev.herald.api.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret values by reference, within this JVM. Core conceals every secret property of a plugin's
 * configuration before Declarative Services sees it; the component gets
 * {@code herald-secret:<hex>} in its properties, and calls {@link #reveal} where it needs the
 * value (building an Authorization header, signing a request).
 *
 * <p>The reference is an HMAC of the configuration's PID, the property and the value under a key
 * drawn at start-up, so it neither reveals nor helps guess the secret, and two configurations
 * that share a secret get different references. It resolves only for the configuration and
 * property it was issued for: the Slack token's reference, copied from {@code service:list} into
 * a webhook sink's {@code token}, does not send the Slack token to the webhook's server.
 *
 * <p>Only the current value of each property is remembered: a changed or cleared secret, or a
 * deleted configuration's, no longer resolves, and the table holds one entry per secret property
 * of the configurations that exist.
 */
public final class Secrets {
    /** What every reference starts with. */
    public static final String PREFIX = "herald-secret:";
    private static final String WHAT_TO_DO = "; enter the secret itself or a $[secret:…]/$[env:…] reference";
    private static final Map<Slot, String> VALUES = new ConcurrentHashMap<>();
    private static final byte[] KEY = new SecureRandom().generateSeed(32);

    /** A property of a configuration. */
    private record Slot(String pid, String property) {
    }

    private Secrets() {
    }

    /**
     * The reference standing for {@code value} in property {@code property} of configuration
     * {@code pid}, which from now on is the only one that property's reference resolves to. A
     * blank value stays as it is (nothing to hide) and forgets the property's former secret; a
     * reference stays as it is ({@link #reveal} decides whether it belongs here).
     */
    public static String conceal(String pid, String property, String value) {
        Slot slot = new Slot(pid, property);
        if (value == null || value.isBlank()) {
            VALUES.remove(slot);
            return value;
        }
        if (value.startsWith(PREFIX)) {
            return value;
        }
        VALUES.put(slot, value);
        return PREFIX + hmac(slot, value);
    }

    /**
     * The value behind a reference issued for property {@code property} of configuration
     * {@code pid}. Anything else is returned as it is: a configuration that did not pass through
     * core (a unit test, a component built by hand) carries the value itself.
     *
     * @param pid the {@code service.pid} of the caller's own configuration (see {@link ServicePid})
     * @throws IllegalArgumentException naming the property when the reference was issued for
     *                                  another configuration or property, or is unknown (copied
     *                                  from another Herald, or its secret has changed since)
     */
    public static String reveal(String pid, String property, String valueOrReference) {
        if (valueOrReference == null || !valueOrReference.startsWith(PREFIX)) {
            return valueOrReference;
        }
        Slot slot = new Slot(pid, property);
        String value = VALUES.get(slot);
        if (value != null && issued(slot, value, valueOrReference)) {
            return value;
        }
        boolean elsewhere = VALUES.entrySet().stream()
                .anyMatch(e -> issued(e.getKey(), e.getValue(), valueOrReference));
        throw new IllegalArgumentException(property + " holds a secret reference " + (elsewhere
                ? "issued for another configuration" : "unknown to this Herald (copied from elsewhere, or its secret"
                + " has changed since)") + WHAT_TO_DO);
    }

    /** Forgets the secrets of a configuration that was deleted. */
    public static void forget(String pid) {
        VALUES.keySet().removeIf(slot -> slot.pid().equals(pid));
    }

    /** How many secrets of configuration {@code pid} are remembered. */
    static int remembered(String pid) {
        return (int) VALUES.keySet().stream().filter(slot -> slot.pid().equals(pid)).count();
    }

    private static boolean issued(Slot slot, String value, String reference) {
        return MessageDigest.isEqual((PREFIX + hmac(slot, value)).getBytes(StandardCharsets.UTF_8),
                reference.getBytes(StandardCharsets.UTF_8));
    }

    /** The HMAC of the PID, the property and the value, each preceded by its length so that no two triples collide. */
    private static String hmac(Slot slot, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            for (String part : new String[] {slot.pid(), slot.property(), value}) {
                byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no HmacSHA256", e);
        }
    }
}
