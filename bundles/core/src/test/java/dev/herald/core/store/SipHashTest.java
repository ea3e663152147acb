package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipHashTest {
    /** The reference vectors of the SipHash paper: key 00..0f, messages 00..(n-1). */
    @Test
    void matchesReferenceVectors() {
        SipHash h = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        assertEquals(0x726fdb47dd0e0e31L, h.hash(new byte[0]));
        byte[] fifteen = new byte[15];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, h.hash(fifteen));
        byte[] sixtyThree = new byte[63];
        for (int i = 0; i < sixtyThree.length; i++) {
            sixtyThree[i] = (byte) i;
        }
        assertEquals(0x958a324ceb064572L, h.hash(sixtyThree), "seven whole words and seven bytes");
        assertEquals(0x93f5f5799a932462L, h.hash(java.util.Arrays.copyOf(sixtyThree, 8)), "one word");
    }

    /**
     * A string hashes as its UTF-8 bytes, ASCII or not: the journal fingerprints ids from their
     * bytes, dedupe makes them again from their text when the store's key changed.
     */
    @Test
    void hashesAStringAsItsUtf8() {
        SipHash h = new SipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            int max = round % 50 == 0 ? 3_000 : round % 5 == 0 ? 150 : 60;
            String s = BinaryWriterTest.randomString(random, max, round % 2 == 0);
            assertEquals(h.hash(s.getBytes(StandardCharsets.UTF_8)), h.hash(s), s);
        }
    }
}
