package dev.herald.core.store;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link StoreTransaction#markSeen} for tests: the ids fingerprinted as a journal batch does. */
final class Fingerprinting {
    private Fingerprinting() {
    }

    static boolean[] markSeen(Store store, StoreTransaction tx, String instance, List<String> ids, long now) {
        IdFingerprints made = store.idFingerprints();
        return tx.markSeen(instance, ids, fingerprints(made, ids), made, now);
    }

    /** The ids' fingerprints made from their UTF-8, as the journal makes them. */
    static long[] fingerprints(IdFingerprints made, List<String> ids) {
        return ids.stream().mapToLong(id -> made.of(id.getBytes(StandardCharsets.UTF_8))).toArray();
    }
}
