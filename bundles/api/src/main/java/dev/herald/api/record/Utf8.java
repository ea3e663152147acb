package dev.herald.api.record;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding a record's bytes strictly (RFC 8259 requires UTF-8): a record that is not UTF-8 is
 * reported, never forwarded with its bad bytes silently replaced.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** The text, or null when the bytes are not UTF-8. */
    static String decode(byte[] bytes, int length) {
        // Most records are ASCII: the JDK's own decoding of UTF-8 copies them in one vectorised pass,
        // and as many characters as bytes with none replaced means every byte was ASCII. A character
        // of several bytes makes the text shorter, a byte that is not UTF-8 a replacement character.
        String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (lenient.length() == length && lenient.indexOf(REPLACEMENT) < 0) {
            return lenient;
        }
        CharBuffer chars = CharBuffer.allocate(length);
        CoderResult result = decoder().decode(ByteBuffer.wrap(bytes, 0, length), chars, true);
        return result.isError() ? null : chars.flip().toString();
    }

    /**
     * Whether Jackson, given these bytes (UTF-8 already), reads them as UTF-8 from the first byte:
     * it takes a byte-order mark away and a NUL among the first four bytes for UTF-16 or UTF-32,
     * where a reader of the text sees characters.
     */
    static boolean unmarked(byte[] bytes, int length) {
        for (int i = 0; i < Math.min(4, length); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return length < 3 || (bytes[0] & 0xFF) != 0xEF || (bytes[1] & 0xFF) != 0xBB || (bytes[2] & 0xFF) != 0xBF;
    }

    /** Why the bytes are not UTF-8, for the quarantine: which byte, where. */
    static String problem(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        decoder().decode(in, CharBuffer.allocate(length), true);
        int at = in.position();
        return "not UTF-8: byte 0x" + String.format("%02X", bytes[Math.min(at, length - 1)] & 0xFF) + " at byte " + (at + 1)
                + " of the record does not belong to a UTF-8 character; JSON must be UTF-8 (RFC 8259): convert the"
                + " file, e.g. iconv -f ISO-8859-1 -t UTF-8";
    }

    /** The bytes as text with what is not UTF-8 replaced, to show a bad record in the quarantine. */
    static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
