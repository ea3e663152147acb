package dev.herald.core.store;

/**
 * Makes the fingerprints dedupe remembers event ids by ({@link StoreTransaction#markSeen}): keyed
 * hashes, with the store's secret key, on the thread that has the ids at hand. A source's thread
 * fingerprints its batch's ids as it prepares them, while they are in its processor's cache; the
 * store's writer then only looks the fingerprints up, where hashing each id meant first fetching
 * its text from the other core (on flow lines, a sixth of the writer's time). Each batch gets one
 * from {@link Store#idFingerprints}, with the key of the store in use then.
 */
public final class IdFingerprints {
    private final SipHash hash;

    IdFingerprints(SipHash hash) {
        this.hash = hash;
    }

    /** The fingerprint of an event id given as its UTF-8. */
    public long of(byte[] idUtf8) {
        return hash.hash(idUtf8);
    }

    /** Whether these fingerprints were made with {@code key}: false once the store has another. */
    boolean madeWith(SipHash key) {
        return hash.sameKey(key);
    }
}
