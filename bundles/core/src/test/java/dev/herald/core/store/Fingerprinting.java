package dev.herald.core.store;

import java.util.List;

/** {@link StoreTransaction#markSeen} for tests: the ids fingerprinted as a journal batch does. */
final class Fingerprinting {
    private Fingerprinting() {
    }

    static boolean[] markSeen(Store store, StoreTransaction tx, String instance, List<String> ids, long now) {
        IdFingerprints made = store.idFingerprints();
        return tx.markSeen(instance, ids, ids.stream().mapToLong(made::of).toArray(), made, now);
    }
}
