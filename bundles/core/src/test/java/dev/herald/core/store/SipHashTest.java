package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
