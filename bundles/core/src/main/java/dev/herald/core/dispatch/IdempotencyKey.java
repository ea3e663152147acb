package dev.herald.core.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The stable key of one delivery: SHA-256 of (source instance, event id, route, sink), 32 hex digits. */
public final class IdempotencyKey {
    /** Marks a replay's keys apart from any key of normal traffic. */
    private static final String REPLAY = "replay";
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
