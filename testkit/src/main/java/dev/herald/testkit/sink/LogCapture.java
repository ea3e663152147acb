package dev.herald.testkit.sink;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a test's code writes to standard error and output, where the SLF4J simple logger of a
 * plugin's tests writes its lines, while the capture is open; the output still reaches the console.
 */
public final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream err = System.err;
    private final PrintStream out = System.out;

    private LogCapture() {
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything written so far. */
    public synchronized String text() {
        System.err.flush();
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(err);
        System.setOut(out);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                ((ByteArrayOutputStream) copy).write(b);
            }
            try {
                console.write(b);
            } catch (java.io.IOException e) {
                // the console copy is a courtesy
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                ((ByteArrayOutputStream) copy).write(b, off, len);
            }
            try {
                console.write(b, off, len);
            } catch (java.io.IOException e) {
                // the console copy is a courtesy
            }
        }
    }
}
