package dev.herald.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVMap;

/**
 * The ids one source instance sent recently. On disk they are a log in arrival order (log id to
 * fingerprint and time), so remembering an id appends to the last page whatever the ids look like;
 * a map keyed by random ids (UUIDs) would instead rewrite a page for nearly every id. Lookups use
 * an in-memory set of the fingerprints, loaded from the log on first use: 8 to 16 bytes an id,
 * bounded by the retention limits. Used by the store's writer only.
 */
final class SeenIds {
    private static final int ENTRY_BYTES = 16;

    private final String instance;
    private final LongSet fingerprints = new LongSet();
    private final List<Long> added = new ArrayList<>();
    private final List<Long> removed = new ArrayList<>();

    private SeenIds(String instance) {
        this.instance = instance;
    }

    static SeenIds load(MvMaps maps, String instance) {
        SeenIds s = new SeenIds(instance);
        if (maps.exists(MvMaps.SEEN + instance)) {
            for (byte[] entry : maps.seenLog(instance).values()) {
                s.fingerprints.add(fingerprint(entry));
            }
        }
        return s;
    }

    /** Remembers a fingerprint under a new log id; false when it was already remembered. */
    boolean add(MvMaps maps, long fingerprint, LongSupplier logIds, long now) {
        if (!fingerprints.add(fingerprint)) {
            return false;
        }
        added.add(fingerprint);
        maps.seenLog(instance).put(logIds.getAsLong(), entry(fingerprint, now));
        return true;
    }

    /** Forgets the oldest ids beyond {@code maxIds} or older than {@code cutoff}. */
    void prune(MvMaps maps, long maxIds, long cutoff) {
        MVMap<Long, byte[]> log = maps.seenLog(instance);
        for (Long first = log.firstKey(); first != null; first = log.firstKey()) {
            byte[] oldest = log.get(first);
            if (log.sizeAsLong() <= maxIds && time(oldest) >= cutoff) {
                return;
            }
            log.remove(first);
            long fp = fingerprint(oldest);
            if (fingerprints.remove(fp)) {
                removed.add(fp);
            }
        }
    }

    /** The transaction's changes are committed: nothing to undo any more. */
    void committed() {
        added.clear();
        removed.clear();
    }

    /** The transaction was rolled back (and with it the log): undo its changes to the set. */
    void rolledBack() {
        added.forEach(fingerprints::remove);
        removed.forEach(fingerprints::add);
        committed();
    }

    private static byte[] entry(long fingerprint, long time) {
        byte[] b = new byte[ENTRY_BYTES];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (fingerprint >>> (56 - 8 * i));
            b[8 + i] = (byte) (time >>> (56 - 8 * i));
        }
        return b;
    }

    private static long fingerprint(byte[] entry) {
        return read(entry, 0);
    }

    private static long time(byte[] entry) {
        return read(entry, 8);
    }

    private static long read(byte[] b, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[from + i] & 0xFFL);
        }
        return v;
    }
}
