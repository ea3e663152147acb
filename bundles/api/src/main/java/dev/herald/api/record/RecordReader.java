package dev.herald.api.record;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

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
 * <p>A line that is not JSON is returned as {@link RecordEntry.Malformed} and reading goes on with
 * the next line. In the other layouts a syntax error is the last entry: the parser cannot tell
 * where the next record starts.
 *
 * <p>The input must be UTF-8 (RFC 8259), already decompressed. Errors of the stream itself (a
 * truncated gzip raises {@link java.io.EOFException} or {@link java.util.zip.ZipException}) are
 * thrown as they are; entries returned before them are complete. Not thread-safe.
 *
 * <pre>{@code
 * try (RecordReader reader = RecordReader.open(new GZIPInputStream(in))) {
 *     reader.skipThrough(committed);
 *     for (RecordEntry e = reader.next(); e != null; e = reader.next()) { … }
 * }
 * }</pre>
 */
public final class RecordReader implements Closeable {
    private static final int HEAD = 64 * 1024;

    private final RecordLayout layout;
    private final RecordSource source;

    private RecordReader(RecordLayout layout, RecordSource source) {
        this.layout = layout;
        this.source = source;
    }

    /**
     * Reads the beginning of {@code in} to detect its layout. The reader owns the stream from
     * now on and closes it.
     */
    public static RecordReader open(InputStream in) throws IOException {
        try {
            byte[] head = withoutByteOrderMark(in.readNBytes(HEAD));
            RecordLayout layout = LayoutDetector.detect(head);
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), in);
            RecordSource source = layout == RecordLayout.JSON_LINES
                    ? new JsonLinesSource(all) : new JsonTokenSource(all);
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

    private static byte[] withoutByteOrderMark(byte[] head) {
        boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(head, 3, head.length) : head;
    }
}
