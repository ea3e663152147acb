package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {
    /** Chars from ASCII, Latin-1, the rest of the basic plane and surrogates, alone or in pairs. */
    private static final char[] CHARS = {'a', 'Z', '0', ':', '@', '/', ' ', '\n', 0x7f, 0x80, 'é', 0xff, 'ß', 'ж',
            '中', 0xfffd, 0xd83d, 0xde00};

    @Test
    void writesEachStringAsItsUtf8AfterItsLengthWhetherOrNotItIsAscii() {
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            String s = randomString(random, round % 3 == 0 ? 200 : 20, round % 2 == 0);
            // a small writer grows: the ASCII path must ask for room as the other does
            byte[] fast = new BinaryWriter(1).writeByte(9).writeString(s).writeByte(8).toByteArray();
            byte[] utf8 = new BinaryWriter(1).writeByte(9).writeUtf8(s.getBytes(StandardCharsets.UTF_8)).writeByte(8)
                    .toByteArray();
            assertArrayEquals(utf8, fast, s);
            BinaryReader r = new BinaryReader(fast);
            r.readByte();
            assertEquals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), r.readString());
            assertEquals(8, r.readByte());
        }
    }

    /** Numbers ending a writer made to its content's size fit without growing it, so its array is the result. */
    @Test
    void aWriterMadeToItsContentsSizeIsNotGrownForItsLastNumber() {
        long[] numbers = {0, 127, 128, 1L << 35, Long.MAX_VALUE, -1};
        int size = 0;
        for (long n : numbers) {
            size += BinaryWriter.varLongSize(n);
        }
        BinaryWriter w = new BinaryWriter(size + 16).writeRaw(new byte[16]);
        for (long n : numbers) {
            w.writeVarLong(n);
        }
        assertSame(w.array(), w.toByteArray());
        BinaryReader r = new BinaryReader(w.toByteArray(), 16);
        for (long n : numbers) {
            assertEquals(n, r.readVarLong());
        }
    }

    @Test
    void keepsNullAndEmptyApart() {
        BinaryReader r = new BinaryReader(new BinaryWriter(1).writeString(null).writeString("").toByteArray());
        assertNull(r.readString());
        assertEquals("", r.readString());
    }

    /** A string of up to {@code max} chars, ASCII only or with a non-ASCII char anywhere in it. */
    static String randomString(Random random, int max, boolean asciiOnly) {
        int n = random.nextInt(max + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) (' ' + random.nextInt(95)));
        }
        if (!asciiOnly && n > 0) {
            s.setCharAt(random.nextInt(n), CHARS[random.nextInt(CHARS.length)]);
        }
        return s.toString();
    }
}
