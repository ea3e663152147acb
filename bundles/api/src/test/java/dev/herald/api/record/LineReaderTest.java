package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** The search eight bytes at a time finds what a byte-by-byte search finds, wherever the ends are. */
    @Test
    void lineEndIsTheFirstLfOrCrAtAnyOffsetAndLength() {
        Random random = new Random(3);
        byte[] alphabet = {'a', '{', '"', '\n', '\r', 0, (byte) 0x80, (byte) 0xFF, 0x0B, 0x09, (byte) 0x8A, (byte) 0x8D};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            // mostly other bytes, so that the ends fall anywhere in a word or past it
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(8) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertEquals(byteByByte(bytes, from, to), LineReader.lineEnd(bytes, from, to));
        }
    }

    private static int byteByByte(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return to;
    }
}
