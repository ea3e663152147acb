package dev.herald.sink.syslog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte array that grows as it is written and is used again for the next message or batch. */
final class Bytes {
    private byte[] bytes;
    private int length;

    Bytes(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    byte at(int index) {
        return bytes[index];
    }

    /** Keeps the first {@code length} bytes. */
    void truncate(int length) {
        this.length = length;
    }

    /** Empties the buffer; one that grew past {@code keep} bytes (a batch of huge messages) lets the memory go. */
    void clear(int keep) {
        length = 0;
        if (bytes.length > keep) {
            bytes = new byte[keep];
        }
    }

    void append(int b) {
        room(1);
        bytes[length++] = (byte) b;
    }

    void append(byte[] from, int offset, int count) {
        room(count);
        System.arraycopy(from, offset, bytes, length, count);
        length += count;
    }

    /** A non-negative number in decimal ASCII. */
    void appendDecimal(int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        room(digits);
        for (int i = length + digits - 1, v = value; i >= length; i--, v /= 10) {
            bytes[i] = (byte) ('0' + v % 10);
        }
        length += digits;
    }

    /**
     * {@code text} in UTF-8, by {@link String#getBytes} (an unpaired surrogate as {@code ?}), whose
     * intrinsics are several times faster than encoding it a character at a time; with
     * {@code singleLine}, each CR LF, CR and LF as one space.
     */
    void appendUtf8(CharSequence text, boolean singleLine) {
        byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
        if (singleLine) {
            appendSingleLine(encoded, encoded.length);
        } else {
            append(encoded, 0, encoded.length);
        }
    }

    /** {@code from[0, count)} with each CR LF, CR and LF as one space. */
    void appendSingleLine(byte[] from, int count) {
        room(count);
        for (int i = 0; i < count; i++) {
            byte b = from[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < count && from[i + 1] == '\n') {
                    i++;
                }
                b = ' ';
            }
            bytes[length++] = b;
        }
    }

    /** How many bytes {@link #appendUtf8} (without {@code singleLine}) would write for {@code text}. */
    static int utf8Length(CharSequence text) {
        int n = text.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    bytes += 4;
                } else {
                    bytes++;
                }
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
