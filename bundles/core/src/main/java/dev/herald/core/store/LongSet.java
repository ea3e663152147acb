package dev.herald.core.store;

/**
 * A set of longs in one array (open addressing, linear probing, deletion by backward shift):
 * 8 bytes per slot, at most half of the slots used. Not thread-safe.
 */
final class LongSet {
    private static final long EMPTY = 0;
    private long[] slots = new long[16];
    private int size;

    int size() {
        return size;
    }

    boolean contains(long v) {
        long k = key(v);
        for (int i = index(k); ; i = (i + 1) & (slots.length - 1)) {
            if (slots[i] == EMPTY) {
                return false;
            }
            if (slots[i] == k) {
                return true;
            }
        }
    }

    /**
     * Reads the first slot each value would be looked up in, one after the other without waiting
     * for any: the reads are independent, so the processor fetches their cache lines side by side,
     * and the lookups that follow find them in the cache.
     *
     * @return a sum of what was read, for the caller to keep (the reads are not left out then)
     */
    long fetch(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += slots[index(key(v))];
        }
        return sum;
    }

    /** Adds a value; false when it was there. */
    boolean add(long v) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        long k = key(v);
        int i = index(k);
        for (; slots[i] != EMPTY; i = (i + 1) & (slots.length - 1)) {
            if (slots[i] == k) {
                return false;
            }
        }
        slots[i] = k;
        size++;
        return true;
    }

    /** Removes a value; false when it was not there. */
    boolean remove(long v) {
        long k = key(v);
        int mask = slots.length - 1;
        int i = index(k);
        while (slots[i] != k) {
            if (slots[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // move later entries of the probe run into the hole when their home allows it
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int home = index(slots[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = EMPTY;
        size--;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long k : old) {
            if (k != EMPTY) {
                slots[probe(k)] = k;
                size++;
            }
        }
    }

    private int probe(long k) {
        int i = index(k);
        while (slots[i] != EMPTY) {
            i = (i + 1) & (slots.length - 1);
        }
        return i;
    }

    private int index(long k) {
        return (int) (mix(k) & (slots.length - 1));
    }

    /** 0 marks an empty slot, so the value 0 is stored as 1 (a harmless merge of two hashes). */
    private static long key(long v) {
        return v == EMPTY ? 1 : v;
    }

    private static long mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
