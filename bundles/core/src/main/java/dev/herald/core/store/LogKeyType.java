package dev.herald.core.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Long keys stored as MVStore's {@code LongDataType} stores them (the same bytes on disk), for the
 * maps whose memory must be counted exactly ({@link BlockDataType}): MVStore estimates a map's
 * memory as soon as its key type or its value type allows it.
 */
final class LogKeyType extends BasicDataType<Long> {
    static final LogKeyType INSTANCE = new LogKeyType();
    private static final Long[] EMPTY = new Long[0];

    private LogKeyType() {
    }

    @Override
    public int getMemory(Long key) {
        return 8;
    }

    @Override
    public boolean isMemoryEstimationAllowed() {
        return false;
    }

    @Override
    public void write(WriteBuffer buff, Long key) {
        buff.putVarLong(key);
    }

    @Override
    public Long read(ByteBuffer buff) {
        return DataUtils.readVarLong(buff);
    }

    @Override
    public Long[] createStorage(int size) {
        return size == 0 ? EMPTY : new Long[size];
    }

    @Override
    public int compare(Long one, Long two) {
        return Long.compare(one, two);
    }

    @Override
    public int binarySearch(Long keyObj, Object storageObj, int size, int initialGuess) {
        long key = keyObj;
        Long[] storage = cast(storageObj);
        int low = 0;
        int high = size - 1;
        // start at the index found last time (a log is mostly read and written near its end)
        int x = initialGuess - 1;
        if (x < 0 || x > high) {
            x = high >>> 1;
        }
        while (low <= high) {
            long mid = storage[x];
            if (key > mid) {
                low = x + 1;
            } else if (key < mid) {
                high = x - 1;
            } else {
                return x;
            }
            x = (low + high) >>> 1;
        }
        return ~low;
    }
}
