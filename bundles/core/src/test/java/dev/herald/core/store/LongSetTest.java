package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongSetTest {
    /** 0 marks empty slots, so 0 and 1 are the same value to the set. */
    @Test
    void behavesLikeASetUnderRandomAddsAndRemoves() {
        LongSet set = new LongSet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextInt(5_000) - 10L;
            long stored = v == 0 ? 1 : v;
            if (random.nextInt(3) == 0) {
                assertEquals(reference.remove(stored), set.remove(v), "remove " + v);
            } else {
                assertEquals(reference.add(stored), set.add(v), "add " + v);
            }
        }
        assertEquals(reference.size(), set.size());
        for (long v = -10; v < 5_000; v++) {
            assertEquals(reference.contains(v == 0 ? 1 : v), set.contains(v), "contains " + v);
        }
    }

    @Test
    void removingFromTheMiddleOfAProbeRunKeepsTheRest() {
        LongSet set = new LongSet();
        for (long v = 1; v <= 7; v++) {
            assertTrue(set.add(v * 1024));
        }
        assertTrue(set.remove(3 * 1024));
        assertFalse(set.contains(3 * 1024));
        for (long v : new long[] {1, 2, 4, 5, 6, 7}) {
            assertTrue(set.contains(v * 1024));
        }
    }
}
