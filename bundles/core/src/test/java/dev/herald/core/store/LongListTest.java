package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LongListTest {
    @Test
    void keepsWhatIsAddedInOrderPastItsFirstArray() {
        LongList list = new LongList();
        for (long v = 0; v < 100; v++) {
            list.add(v * 7 - 300);
        }

        assertEquals(100, list.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i * 7L - 300, list.get(i));
        }
    }

    @Test
    void isEmptyAfterClearAndReadsNothingPastItsSize() {
        LongList list = new LongList();
        list.add(1);
        list.add(2);
        list.clear();

        assertTrue(list.isEmpty());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(0));
        list.add(3);
        assertEquals(3, list.get(0));
    }
}
