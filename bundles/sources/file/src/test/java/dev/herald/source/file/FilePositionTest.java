package dev.herald.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilePositionTest {

    @Test
    void roundTripsAsASmallJsonDocument() {
        FilePosition p = new FilePosition(1000, 52311, Instant.parse("2026-11-22T10:00:03.118123456Z"), "3f9a2c1b", false);

        String encoded = p.encode();

        assertEquals("{\"through\":1000,\"size\":52311,\"mtime\":\"2026-11-22T10:00:03.118123456Z\",\"head\":\"3f9a2c1b\",\"done\":false}",
                encoded);
        assertEquals(Optional.of(p), FilePosition.decode(encoded));
    }

    @Test
    void aPositionThisSourceDidNotWriteMeansReadingFromTheStart() {
        assertTrue(FilePosition.decode(null).isEmpty());
        assertTrue(FilePosition.decode("1200").isEmpty());
        assertTrue(FilePosition.decode("{\"through\":3}").isEmpty());
        assertTrue(FilePosition.decode("{\"through\":3,\"size\":1,\"mtime\":\"yesterday\",\"head\":\"0\",\"done\":true}").isEmpty());
    }
}
