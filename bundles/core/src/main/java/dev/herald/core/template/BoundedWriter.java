package dev.herald.core.template;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * Collects a rendered body and refuses to grow it past a limit: a template that writes without
 * end (a loop over a huge list, a recursive macro) fails with a clear message instead of filling
 * the heap.
 */
final class BoundedWriter extends Writer {
    private final StringWriter out = new StringWriter();
    private final long limit;
    private final Supplier<String> why;
    private long written;

    /**
     * @param limit the most characters the body may have
     * @param why   how the limit was worked out, for the message (only then: most bodies never need it)
     */
    BoundedWriter(long limit, Supplier<String> why) {
        this.limit = limit;
        this.why = why;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        reserve(len);
        out.write(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        reserve(len);
        out.write(s, off, len);
    }

    private void reserve(int len) throws IOException {
        if (written + len > limit) {
            throw new IOException("the body grew past " + limit + " characters (" + why.get() + "); the template"
                    + " writes far more than the event holds: check its loops and includes");
        }
        written += len;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
