package dev.herald.core.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Dedupe of event ids per source instance, with bounded retention (count and age, oldest
 * forgotten first). Ids are fingerprinted with a keyed hash whose key is made once per store.
 * Used by the store's writer only; it follows each transaction's commit or rollback.
 */
final class Dedupe {
    private static final String KEY0 = "seen.key0";
    private static final String KEY1 = "seen.key1";

    private final MvMaps maps;
    private final long maxIds;
    private final Duration maxAge;
    private final SipHash hash;
    private final Map<String, SeenIds> instances = new HashMap<>();
    private final Set<SeenIds> touched = new HashSet<>();
    /**
     * The instance of the last id and its ids, touched in this transaction: a batch is one
     * instance's, so its ids after the first need neither lookup.
     */
    private SeenIds last;
    private String lastInstance;

    private Dedupe(MvMaps maps, long maxIds, Duration maxAge, SipHash hash) {
        this.maps = maps;
        this.maxIds = maxIds;
        this.maxAge = maxAge;
        this.hash = hash;
    }

    /**
     * Loads the hash key, making one if the store has none, and moves a seen-id log of an earlier
     * version to blocks; the caller commits both.
     */
    static Dedupe open(MvMaps maps, long maxIds, Duration maxAge) {
        PerIdSeenLog.migrate(maps);
        Long k0 = maps.meta().get(KEY0);
        Long k1 = maps.meta().get(KEY1);
        if (k0 == null || k1 == null) {
            SecureRandom random = new SecureRandom();
            k0 = random.nextLong();
            k1 = random.nextLong();
            maps.meta().put(KEY0, k0);
            maps.meta().put(KEY1, k1);
        }
        return new Dedupe(maps, maxIds, maxAge, new SipHash(k0, k1));
    }

    /** Fingerprints with this store's key, for another thread ({@link IdFingerprints}). */
    IdFingerprints fingerprints() {
        return new IdFingerprints(hash);
    }

    /**
     * Remembers ids in order; false for one the instance sent already (before, or earlier in
     * {@code ids}). The fingerprints are looked up in the set first, all at once, and then added:
     * the set is far larger than the processor's caches, and independent lookups wait for memory
     * side by side where an add after an add waits for each in turn.
     *
     * @param fingerprints the ids' fingerprints, made by {@code madeBy}; made again here when
     *                     {@code madeBy} has another key (the store was replaced since)
     */
    boolean[] markSeen(String instance, List<String> ids, long[] fingerprints, IdFingerprints madeBy, long now) {
        SeenIds s = ids(instance);
        if (!madeBy.madeWith(hash)) {
            for (int i = 0; i < fingerprints.length; i++) {
                fingerprints[i] = hash.hash(ids.get(i));
            }
        }
        s.fetch(fingerprints);
        boolean[] fresh = new boolean[fingerprints.length];
        for (int i = 0; i < fingerprints.length; i++) {
            fresh[i] = s.add(fingerprints[i], now);
        }
        return fresh;
    }

    private SeenIds ids(String instance) {
        SeenIds s = last;
        if (s == null || !lastInstance.equals(instance)) {
            s = instances.computeIfAbsent(instance, i -> SeenIds.load(maps, i));
            touched.add(s);
            last = s;
            lastInstance = instance;
        }
        return s;
    }

    /**
     * Writes the ids this transaction added, each instance's under a log id of {@code logIds},
     * and trims the instances it added to; part of the transaction.
     */
    void finish(long now, LongSupplier logIds) {
        long cutoff = now - maxAge.toMillis();
        touched.forEach(s -> s.finish(maps, logIds, maxIds, cutoff));
    }

    void committed() {
        touched.forEach(SeenIds::committed);
        touched.clear();
        last = null;
    }

    void rolledBack() {
        touched.forEach(SeenIds::rolledBack);
        touched.clear();
        last = null;
    }
}
