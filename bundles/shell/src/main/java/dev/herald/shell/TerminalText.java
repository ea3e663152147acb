package dev.herald.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keeps untrusted text (event content, quarantine and dead-letter reasons, sink answers, names)
 * from driving the operator's terminal. An event can carry {@code ESC ] 0 ; … BEL} (sets the
 * window title), {@code ESC [ 2 J} (clears the screen), C1 controls that some terminals obey, or
 * bidi overrides that make text read differently from what it is. Each such character prints as
 * a visible replacement instead: C0 controls and DEL in caret notation ({@code ^[}, {@code ^G},
 * {@code ^?}), C1 and bidi controls as {@code <U+XXXX>}. Line feeds and tabs stay (commands lay
 * out their output with them), and so does a carriage return that ends a line.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** The text with every control character replaced by a visible one. */
    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c, i + 1 < text.length() && text.charAt(i + 1) == '\n');
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement == null ? String.valueOf(c) : replacement);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A stream that prints to {@code terminal} what {@link #safe} makes of everything written to
     * it. Every command prints through one, so no field of its output can be forgotten.
     */
    static PrintStream printStream(PrintStream terminal) {
        return new PrintStream(new SafeOutput(terminal), true, StandardCharsets.UTF_8);
    }

    private static String replacement(char c, boolean beforeLineFeed) {
        if (c == '\n' || c == '\t' || c == '\r' && beforeLineFeed) {
            return null;
        }
        if (c < 0x20) {
            return "^" + (char) (c + 0x40);
        }
        if (c == 0x7f) {
            return "^?";
        }
        if (c >= 0x80 && c <= 0x9f || isBidiControl(c)) {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }

    /** The marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm. */
    private static boolean isBidiControl(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * Decodes what the {@link PrintStream} above encoded (UTF-8), and prints it made safe on the
     * terminal's own stream, so that the terminal's encoding still applies. A character cut in
     * two by the encoder's buffer waits for its second half.
     */
    private static final class SafeOutput extends OutputStream {
        private final PrintStream terminal;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

        SafeOutput(PrintStream terminal) {
            this.terminal = terminal;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            ByteBuffer in = ByteBuffer.wrap(pending.toByteArray());
            CharBuffer chars = CharBuffer.allocate(in.remaining());
            decoder.decode(in, chars, false);
            chars.flip();
            terminal.print(safe(chars.toString()));
            terminal.flush();
            pending.reset();
            pending.write(in.array(), in.position(), in.remaining());
        }
    }
}
