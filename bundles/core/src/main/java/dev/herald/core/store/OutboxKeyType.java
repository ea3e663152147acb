package dev.herald.core.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** MVStore key type of {@link OutboxKey}: two variable-length longs. */
final class OutboxKeyType extends BasicDataType<OutboxKey> {
    static final OutboxKeyType INSTANCE = new OutboxKeyType();

    @Override
    public int getMemory(OutboxKey key) {
        return 40;
    }

    @Override
    public void write(WriteBuffer buff, OutboxKey key) {
        buff.putVarLong(key.due()).putVarLong(key.seq());
    }

    @Override
    public OutboxKey read(ByteBuffer buff) {
        return new OutboxKey(DataUtils.readVarLong(buff), DataUtils.readVarLong(buff));
    }

    @Override
    public int compare(OutboxKey a, OutboxKey b) {
        return a.compareTo(b);
    }

    @Override
    public OutboxKey[] createStorage(int size) {
        return new OutboxKey[size];
    }
}
