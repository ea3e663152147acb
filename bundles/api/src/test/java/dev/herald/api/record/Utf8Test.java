package dev.herald.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    }

    @Test
    void refusesWhatIsNotUtf8() {
        assertNull(decode(new byte[] {'{', (byte) 0xE9, '}'}), "Latin-1 é");
        assertNull(decode(new byte[] {'a', (byte) 0x80}), "a lone continuation byte");
        assertNull(decode(new byte[] {(byte) 0xC0, (byte) 0xAF}), "an overlong '/'");
    }
}
