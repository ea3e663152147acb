package dev.herald.api.record;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.ZipException;

/**
 * Reads records one at a time from a stream of JSON, whatever its {@link RecordLayout}: JSON
 * Lines, one or more JSON documents, a JSON array, or a CloudTrail log file
 * ({@code {"Records":[…]}}). The layout is detected from the first 64 KiB; the stream is never
 * held in memory as a whole, so a CloudTrail file of any size is read in constant memory.
 *
 * <p>Every entry carries the record's exact text as it is in the input: the line for JSON Lines,
 * the bytes from the record's first to its last character for the other layouts (the elements
 * of {@code Records[]} are not on lines of their own, so their text is cut out by byte offset).
 *
 * <p>Whatever is wrong with one record is returned as a {@link RecordEntry.Malformed} entry with
 * the reason, and reading goes on: a line that is not JSON or not UTF-8, a record longer than
 * {@code maxRecordBytes} (skipped while streaming, never held whole), nesting deeper than
 * Jackson's limit. Binary input (a NUL byte in the first 64 KiB) is a single entry. In the
 * layouts other than JSON Lines a syntax error is resynchronised at the next record where the
 * layout allows it (see {@link JsonTokenSource}); the skipped span is one entry, and only when no
 * next record can be found is it the last.
 *
 * <p>The input must be UTF-8 (RFC 8259), already decompressed. Errors of the stream itself (a
 * truncated gzip raises {@link java.io.EOFException} or {@link java.util.zip.ZipException}, a
 * broken connection whatever its client throws) are thrown as they are; entries returned before
 * them are complete. Not thread-safe.
 *
 * <pre>{@code
 * try (RecordReader reader = RecordReader.open(new GZIPInputStream(in), maxRecordBytes)) {
 *     reader.skipThrough(committed);
 *     for (RecordEntry e = reader.next(); e != null; e = reader.next()) { … }
 * }
 * }</pre>
 */
public final class RecordReader implements Closeable {
    /** The longest record read unless a source is configured otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** How much of a malformed or overlong record is kept as its text. */
    static final int TEXT_LIMIT = 64 * 1024;
    private static final int HEAD = 64 * 1024;

    private final RecordLayout layout;
    private final RecordSource source;

    private RecordReader(RecordLayout layout, RecordSource source) {
        this.layout = layout;
        this.source = source;
    }

    /** As {@link #open(InputStream, int)} with {@link #DEFAULT_MAX_RECORD_BYTES}. */
    public static RecordReader open(InputStream in) throws IOException {
        return open(in, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Reads the beginning of {@code in} to detect its layout. The reader owns the stream from
     * now on and closes it.
     *
     * @param maxRecordBytes the longest record read (a line, document or array element, in
     *                       bytes); a longer one is skipped without being held in memory and
     *                       returned as {@link RecordEntry.Malformed} {@code too large (N bytes)}
     * @throws IllegalArgumentException when {@code maxRecordBytes} is not positive
     */
    public static RecordReader open(InputStream in, int maxRecordBytes) throws IOException {
        return open(in, maxRecordBytes, () -> Projection.WHOLE);
    }

    /**
     * As {@link #open(InputStream, int)}, keeping of each JSON Lines record that is an object only
     * the members the projection keeps: the one {@code projection} gives as the record is read
     * ({@link RecordRecognizer#projection()}). The other layouts are parsed whole.
     */
    public static RecordReader open(InputStream in, int maxRecordBytes, Supplier<Projection> projection)
            throws IOException {
        if (maxRecordBytes < 1) {
            in.close();
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
        try {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            IOException cut = readHead(in, read);
            byte[] head = withoutByteOrderMark(read.toByteArray());
            // Binary input is told before the layout: Jackson takes NUL bytes for UTF-16 or UTF-32.
            int nul = BinarySource.firstNul(head);
            RecordLayout layout = nul >= 0 ? RecordLayout.JSON_LINES : LayoutDetector.detect(head);
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), cut == null ? in : failing(cut, in));
            RecordSource source = nul >= 0 ? new BinarySource(all, nul)
                    : layout == RecordLayout.JSON_LINES ? new JsonLinesSource(all, maxRecordBytes, projection)
                    : new JsonTokenSource(all, maxRecordBytes);
            return new RecordReader(layout, source);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The layout detected. */
    public RecordLayout layout() {
        return layout;
    }

    /** The next record, or null at the end of the input. */
    public RecordEntry next() throws IOException {
        return source.next();
    }

    /**
     * Moves past every entry whose {@link RecordEntry#number() number} is at most {@code number}
     * (already read in an earlier run), without parsing what it can avoid parsing: JSON Lines
     * skips whole lines unread. Does nothing for 0.
     */
    public void skipThrough(long number) throws IOException {
        if (number > 0) {
            source.skipThrough(number);
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** The reason given for a record longer than the cap. */
    static String tooLarge(long size, int maxRecordBytes) {
        return "too large (" + size + " bytes): a record may have at most max_record_bytes = " + maxRecordBytes
                + " bytes; it was skipped (raise max_record_bytes if such records are expected)";
    }

    /**
     * Reads up to {@link #HEAD} bytes into {@code head}. A stream that ends in error within them
     * (a gzip cut short) keeps what came before: the error is returned, to be thrown where the
     * reading reaches it, after the records before it.
     */
    private static IOException readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n; head.size() < HEAD
                    && (n = in.read(buffer, 0, Math.min(buffer.length, HEAD - head.size()))) >= 0; ) {
                head.write(buffer, 0, n);
            }
            return null;
        } catch (EOFException | ZipException e) {
            return e;
        }
    }

    /** A stream whose every read throws {@code error}; closing it closes {@code in}. */
    private static InputStream failing(IOException error, InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw error;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static byte[] withoutByteOrderMark(byte[] head) {
        boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(head, 3, head.length) : head;
    }
}
