package dev.herald.core.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The stable key of one delivery: SHA-256 of (source instance, event id, route, sink), 32 hex digits. */
public final class IdempotencyKey {
    /** Marks a replay's keys apart from any key of normal traffic. */
    private static final String REPLAY = "replay";
    /** The key is the first half of the digest, in lower-case hex. */
    private static final int KEY_BYTES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /**
     * One digest per thread, reset by each {@code digest()}: looking one up in the JVM's providers
     * for every delivery cost more than hashing. It holds only JDK classes, so a thread outliving
     * the bundle keeps nothing of it.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(IdempotencyKey::sha256);
    /** Marks a digest's keys apart from any event's. */
    private static final String DIGEST = "digest";

    private IdempotencyKey() {
    }

    public static String of(String instance, String eventId, String route, String sink) {
        return digest(instance, eventId, route, sink);
    }

    /**
     * The key of a delivery made by a replay: the same for every attempt of it, and different from
     * the event's original delivery and from any other replay's, so that a sink that dedupes by
     * key (Jira, ServiceNow, SNS FIFO) takes the replayed notification as a new one.
     *
     * @param replay the replay's id, or null for normal traffic ({@link #of})
     */
    public static String of(String replay, String instance, String eventId, String route, String sink) {
        return replay == null ? of(instance, eventId, route, sink) : digest(REPLAY, replay, instance, eventId, route, sink);
    }

    /**
     * The key of a digest: the same for every attempt of it, one per group window, so that an API
     * that dedupes by key (PagerDuty's dedup_key, …) sees one key per digest.
     *
     * @param digest the digest's id ({@link dev.herald.core.store.Digest#id()})
     */
    public static String ofDigest(String digest, String sink) {
        return digest(DIGEST, digest, sink);
    }

    private static String digest(String... parts) {
        MessageDigest sha = SHA_256.get();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        byte[] digest = sha.digest();
        char[] hex = new char[KEY_BYTES * 2];
        for (int i = 0; i < KEY_BYTES; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
