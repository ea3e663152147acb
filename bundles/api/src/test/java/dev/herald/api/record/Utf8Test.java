package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** The line's bytes at the start of a longer buffer, as the line reader hands them. */
    private static String decode(byte[] line) {
        byte[] buffer = Arrays.copyOf(line, line.length + 8);
        Arrays.fill(buffer, line.length, buffer.length, (byte) 0xFF);
        return Utf8.decode(buffer, line.length);
    }

    @Test
    void decodesAsciiAndUtf8OnlyUpToTheLength() {
        assertEquals("{\"a\":1}", decode("{\"a\":1}".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("{\"name\":\"Zoë 東京\"}", decode("{\"name\":\"Zoë 東京\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", decode(new byte[0]));
        assertEquals("{\"a\":\"\uFFFD\"}", decode("{\"a\":\"\uFFFD\"}".getBytes(StandardCharsets.UTF_8)),
                "a replacement character that is in the text");
    }

    @Test
    void refusesWhatIsNotUtf8() {
        assertNull(decode(new byte[] {'{', (byte) 0xE9, '}'}), "Latin-1 é");
        assertNull(decode(new byte[] {'a', (byte) 0x80}), "a lone continuation byte");
        assertNull(decode(new byte[] {(byte) 0xC0, (byte) 0xAF}), "an overlong '/'");
        assertNull(decode(new byte[] {(byte) 0xFF}), "one byte that is not UTF-8, replaced by one character");
        assertNull(decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "a surrogate");
    }

    @Test
    void bytesThatJacksonWouldTakeForAnotherEncodingAreMarked() {
        assertTrue(Utf8.unmarked("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 7));
        assertTrue(Utf8.unmarked("1".getBytes(StandardCharsets.UTF_8), 1));
        assertTrue(Utf8.unmarked(new byte[] {'{', '}', 0}, 2), "a NUL past the length");
        assertFalse(Utf8.unmarked(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'}, 4), "a byte-order mark");
        assertFalse(Utf8.unmarked(new byte[] {'{', 0, '}', 0}, 4), "UTF-16LE");
        assertFalse(Utf8.unmarked(new byte[] {0, 0, 0, '1'}, 4), "UTF-32BE");
        assertFalse(Utf8.unmarked(new byte[] {'1', 0}, 2), "a NUL in a short line");
    }
}
