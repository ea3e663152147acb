package dev.herald.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a compact binary record: variable-length numbers and length-prefixed UTF-8 strings. */
public final class BinaryWriter {
    private byte[] buf;
    private int len;

    public BinaryWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** An unsigned variable-length long (7 bits a byte); negative values take 10 bytes. */
    public BinaryWriter writeVarLong(long v) {
        if (len + 10 > buf.length) {
            // room for this number alone: a buffer made to its content's size is not grown for the last one
            ensure(varLongSize(v));
        }
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
        return this;
    }

    public BinaryWriter writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** Bytes as they are, without their length: for a last field that runs to the end. */
    public BinaryWriter writeRaw(byte[] bytes) {
        return writeRaw(bytes, bytes.length);
    }

    /** The first {@code n} of {@code bytes} as they are. */
    public BinaryWriter writeRaw(byte[] bytes, int n) {
        ensure(n);
        System.arraycopy(bytes, 0, buf, len, n);
        len += n;
        return this;
    }

    /**
     * A string, or null (written as length 0 with a marker byte so that "" and null differ). An
     * ASCII string (route and sink names, most ids) is copied char by char, without the array
     * {@code getBytes} makes: the store's writer writes several for every event.
     */
    public BinaryWriter writeString(String s) {
        if (s == null) {
            return writeVarLong(0);
        }
        int n = s.length();
        int start = len;
        writeVarLong(n + 1L);
        ensure(n);
        if (!copyAscii(s, buf, len)) {
            // its UTF-8 is longer than its chars: the length written is wrong
            len = start;
            return writeUtf8(s.getBytes(StandardCharsets.UTF_8));
        }
        len += n;
        return this;
    }

    /**
     * Copies an ASCII string's chars, its UTF-8, into {@code to} from {@code at} (which has room
     * for them); false, having copied some perhaps, when the string is not ASCII.
     */
    private static boolean copyAscii(String s, byte[] to, int at) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            to[at + i] = (byte) c;
        }
        return true;
    }

    /** A string given as its UTF-8 bytes, written as {@link #writeString} writes it. */
    public BinaryWriter writeUtf8(byte[] bytes) {
        writeVarLong(bytes.length + 1L);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** How many bytes {@link #writeVarLong} writes for {@code v}. */
    public static int varLongSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** How many bytes were written. */
    public int length() {
        return len;
    }

    /** The buffer written to, not a copy: its first {@link #length()} bytes, until the next write. */
    public byte[] array() {
        return buf;
    }

    /** The bytes written; no copy when the initial capacity was exact. */
    public byte[] toByteArray() {
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
