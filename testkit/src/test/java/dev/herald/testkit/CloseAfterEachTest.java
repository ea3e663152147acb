package dev.herald.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseAfterEachTest {
    private final List<String> closed = new ArrayList<>();
    private final CloseAfterEach opened = new CloseAfterEach();

    @Test
    void closesTheLastOpenedFirstAndOnlyOnce() throws Exception {
        opened.add(() -> closed.add("emulator"));
        opened.add(() -> closed.add("clients"));

        opened.afterEach(null);
        opened.afterEach(null);

        assertEquals(List.of("clients", "emulator"), closed);
    }

    @Test
    void closesEverythingWhenOneFailsAndThrowsTheFirstFailure() {
        opened.add(() -> closed.add("emulator"));
        opened.add(() -> {
            throw new IOException("second");
        });
        opened.add(() -> {
            throw new IOException("first");
        });

        IOException thrown = assertThrows(IOException.class, () -> opened.afterEach(null));

        assertEquals("first", thrown.getMessage());
        assertArrayEquals(new String[] {"second"},
                List.of(thrown.getSuppressed()).stream().map(Throwable::getMessage).toArray());
        assertEquals(List.of("emulator"), closed);
    }
}
