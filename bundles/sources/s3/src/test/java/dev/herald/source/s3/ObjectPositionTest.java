package dev.herald.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectPositionTest {

    @Test
    void aPositionSurvivesItsEncoding() {
        ObjectPosition p = new ObjectPosition(2000, "\"9b2c\"", false);
        assertEquals(Optional.of(p), ObjectPosition.decode(p.encode()));
    }

    @Test
    void aReplacedObjectIsReadFromItsStart() {
        ObjectPosition p = new ObjectPosition(2000, "\"9b2c\"", true);
        assertEquals(2000, p.resumeAfter("\"9b2c\""));
        assertEquals(0, p.resumeAfter("\"other\""));
        assertTrue(p.finished("\"9b2c\""));
        assertFalse(p.finished("\"other\""));
    }

    @Test
    void somethingElseIsNoPosition() {
        assertEquals(Optional.empty(), ObjectPosition.decode(null));
        assertEquals(Optional.empty(), ObjectPosition.decode("2026-11-01T00:00:00Z"));
        assertEquals(Optional.empty(), ObjectPosition.decode("{\"through\":\"x\"}"));
    }
}
