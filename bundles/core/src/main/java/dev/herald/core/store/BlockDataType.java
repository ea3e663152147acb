package dev.herald.core.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Byte arrays stored as MVStore's {@code ByteArrayDataType} stores them (the same bytes on disk),
 * but with their memory counted exactly rather than estimated. MVStore splits a page once its
 * memory passes {@link StoreFile#PAGE_SPLIT_BYTES}; with the estimate (an average of sampled
 * values) a log's 8 KiB block could count as less than 4 KiB and share its page with the entry
 * after it, and the next commit then wrote the block again. The logs rely on each block of a few
 * KiB having a page of its own ({@link EventLog}, {@link SeenIds}); a byte array's length costs
 * nothing to count. The keys must not allow estimating either ({@link LogKeyType}).
 */
final class BlockDataType extends BasicDataType<byte[]> {
    static final BlockDataType INSTANCE = new BlockDataType();

    private BlockDataType() {
    }

    @Override
    public int getMemory(byte[] data) {
        return data.length;
    }

    @Override
    public boolean isMemoryEstimationAllowed() {
        return false;
    }

    @Override
    public void write(WriteBuffer buff, byte[] data) {
        buff.putVarInt(data.length);
        buff.put(data);
    }

    @Override
    public byte[] read(ByteBuffer buff) {
        byte[] data = new byte[DataUtils.readVarInt(buff)];
        buff.get(data);
        return data;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }

    @Override
    public int compare(byte[] one, byte[] two) {
        return Arrays.compareUnsigned(one, two);
    }
}
