package dev.herald.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * A set of longs in one table (open addressing, linear probing, deletion by backward shift):
 * 8 bytes per slot, at most half of the slots used. Not thread-safe.
 *
 * <p>The table lives outside the Java heap (a direct buffer). Dedupe's sets grow to megabytes
 * (16 MB for a million ids), each doubling a new table that lives as long as the set: on the heap,
 * such a table allocated during a bulk ingest could be copied into the young generation's
 * survivor space and stay there for a dozen collections, while the batches in flight, which had
 * no room left beside it, were promoted to the old generation by megabytes a collection (peak RSS
 * 30-40 MB higher in those runs). Outside the heap the collector never copies it. The memory of
 * a table the set outgrew is given back when the collector frees the small buffer object that
 * held it (for one that lived long, at the next full collection), as the old generation's space
 * of an outgrown array was.
 */
final class LongSet {
    private static final long EMPTY = 0;
    private LongBuffer slots = table(16);
    private int size;

    int size() {
        return size;
    }

    boolean contains(long v) {
        long k = key(v);
        for (int i = index(k); ; i = (i + 1) & (slots.capacity() - 1)) {
            long slot = slots.get(i);
            if (slot == EMPTY) {
                return false;
            }
            if (slot == k) {
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
            sum += slots.get(index(key(v)));
        }
        return sum;
    }

    /** Adds a value; false when it was there. */
    boolean add(long v) {
        if ((size + 1) * 2 > slots.capacity()) {
            grow();
        }
        long k = key(v);
        int i = index(k);
        for (long slot = slots.get(i); slot != EMPTY; slot = slots.get(i)) {
            if (slot == k) {
                return false;
            }
            i = (i + 1) & (slots.capacity() - 1);
        }
        slots.put(i, k);
        size++;
        return true;
    }

    /** Removes a value; false when it was not there. */
    boolean remove(long v) {
        long k = key(v);
        int mask = slots.capacity() - 1;
        int i = index(k);
        for (long slot = slots.get(i); slot != k; slot = slots.get(i)) {
            if (slot == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // move later entries of the probe run into the hole when their home allows it
        int hole = i;
        for (int j = (hole + 1) & mask; slots.get(j) != EMPTY; j = (j + 1) & mask) {
            long slot = slots.get(j);
            int home = index(slot);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots.put(hole, slot);
                hole = j;
            }
        }
        slots.put(hole, EMPTY);
        size--;
        return true;
    }

    private void grow() {
        LongBuffer old = slots;
        slots = table(old.capacity() * 2);
        size = 0;
        for (int j = 0; j < old.capacity(); j++) {
            long k = old.get(j);
            if (k != EMPTY) {
                slots.put(probe(k), k);
                size++;
            }
        }
    }

    /** A table of {@code capacity} empty slots, outside the heap. */
    private static LongBuffer table(int capacity) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(capacity, Long.BYTES)).order(ByteOrder.nativeOrder())
                .asLongBuffer();
    }

    private int probe(long k) {
        int i = index(k);
        while (slots.get(i) != EMPTY) {
            i = (i + 1) & (slots.capacity() - 1);
        }
        return i;
    }

    private int index(long k) {
        return (int) (mix(k) & (slots.capacity() - 1));
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
