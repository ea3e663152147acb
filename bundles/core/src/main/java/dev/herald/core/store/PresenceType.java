package dev.herald.core.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** A value that takes no space: the dedupe maps only need their keys. */
final class PresenceType extends BasicDataType<Boolean> {
    static final PresenceType INSTANCE = new PresenceType();

    @Override
    public int getMemory(Boolean value) {
        return 0;
    }

    @Override
    public void write(WriteBuffer buff, Boolean value) {
        // nothing to write: a key's presence is the whole information
    }

    @Override
    public Boolean read(ByteBuffer buff) {
        return Boolean.TRUE;
    }

    @Override
    public Boolean[] createStorage(int size) {
        return new Boolean[size];
    }
}
