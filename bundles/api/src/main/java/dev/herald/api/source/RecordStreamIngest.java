package dev.herald.api.source;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream of records (a file, an S3 object) into the journal with constant memory, from
 * where its committed position says, in batches of at most {@link Limits#batchSize} records; each batch
 * is one {@link Journal#batch append} carrying the stream's new position, so a restart resumes
 * after the last committed batch and re-delivers nothing that was committed. Each event goes into
 * the journal's batch as soon as its record is read (the journal prepares it while the record is
 * fresh). The next batch is read while the one before commits (parsing on one core, the store's
 * writer and the disk on the other), and handed over behind it, to be committed only if that one
 * is; then that one is awaited. So at most two batches are ever uncommitted, and the store's
 * writer has the next batch to commit while the disk forces the last.
 *
 * <p>Gzip is recognised by its magic bytes. A line that is not JSON, a record longer than {@link
 * Limits#maxRecordBytes} or not UTF-8, a record its kind cannot make sense of, and the end of a truncated
 * or corrupt gzip are quarantined at the stream's {@link Stream#location location} and the rest
 * still flows; a truncated gzip is then finished. Quarantining happens before the batch is
 * committed (a crash in between quarantines the record again on the next run: at least once, never
 * lost); retries within one run do not repeat it.
 *
 * <p>One per source instance and thread (it remembers what it quarantined and whether the journal
 * refused). See {@link PollLoop} for how it stops.
 */
public final class RecordStreamIngest {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStreamIngest.class);
    private static final int BUFFER = 64 * 1024;
    private static final int PEEK = 256;

    /** How reading a stream ended. */
    public enum Outcome {
        /** Read to its end and committed with its final checkpoint. */
        DONE,
        /** The journal refused a batch: nothing of it was kept; retry later from the committed position. */
        REFUSED,
        /** The source is stopping; what was committed stays committed. */
        STOPPED
    }

    /**
     * How much a source reads and commits at once, as its {@code batch_size} and {@code
     * max_record_bytes} settings say.
     *
     * @param batchSize      the most records committed at once, 1 to {@value #MAX_BATCH}
     * @param maxRecordBytes the longest record read, {@value #MIN_RECORD_BYTES} to {@value
     *                       #MAX_RECORD_BYTES}; see {@link RecordReader#open(InputStream, int)}
     */
    public record Limits(int batchSize, int maxRecordBytes) {
        public static final int MAX_BATCH = 100_000;
        public static final int MIN_RECORD_BYTES = 1024;
        public static final int MAX_RECORD_BYTES = 1024 * 1024 * 1024;

        /** @throws IllegalArgumentException naming the setting that is out of range and its range */
        public Limits {
            if (batchSize < 1 || batchSize > MAX_BATCH) {
                throw new IllegalArgumentException("batch_size = " + batchSize + " is out of range: use 1 to "
                        + MAX_BATCH);
            }
            if (maxRecordBytes < MIN_RECORD_BYTES || maxRecordBytes > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("max_record_bytes = " + maxRecordBytes + " is out of range: give"
                        + " the longest record to read in bytes, " + MIN_RECORD_BYTES + " to " + MAX_RECORD_BYTES
                        + " (default " + RecordReader.DEFAULT_MAX_RECORD_BYTES + ", 1 MiB)");
            }
        }
    }

    /** One stream to read: where its records are and what its checkpoint is. */
    public interface Stream {
        /** Its checkpoint stream; also what the quarantine memory of this run is kept under. */
        String name();

        /** Where record {@code number} is, for the quarantine: {@code s3://bucket/key:12}. */
        String location(long number);

        /**
         * The id of record {@code number} when it has none of its own: the same content read again
         * must give the same id (the journal drops it), a replaced one a new id.
         */
        String fallbackId(long number);

        /**
         * The checkpoint committed with a batch.
         *
         * @param through the last record committed
         * @param done    whether the stream was read to its end
         */
        Checkpoint checkpoint(long through, boolean done);

        /** What the stream is, in the words of its source's users: {@code file}, {@code object}. */
        default String noun() {
            return "stream";
        }

        /** Runs after every committed batch but the last (to keep an SQS message hidden, say). */
        default void afterBatch() {
        }

        /**
         * Whether a stream that does not start as JSON is quarantined whole (its first bytes as the
         * content) rather than line by line: for objects that may be anything, such as a bucket's.
         */
        default boolean wholeIfNotJson() {
            return false;
        }
    }

    private final String owner;
    private final String instance;
    private final Journal journal;
    private final RecordRecognizer recognizer;
    private final Limits limits;
    private final BooleanSupplier stopping;
    /** Per stream, the highest record number quarantined in this run. */
    private final Map<String, Long> quarantinedThrough = new HashMap<>();
    private boolean journalFailing;

    /**
     * @param owner          who reads, for the log: {@code S3 source 'audit'}
     * @param instance       the source instance the events and quarantined records belong to
     * @param recognizer     what turns a record into events
     * @param stopping       whether the source is stopping ({@link PollLoop#stopping})
     */
    public RecordStreamIngest(String owner, String instance, Journal journal, RecordRecognizer recognizer,
            Limits limits, BooleanSupplier stopping) {
        this.owner = owner;
        this.instance = instance;
        this.journal = journal;
        this.recognizer = recognizer;
        this.limits = limits;
        this.stopping = stopping;
    }

    /**
     * Reads what is not committed yet of a stream, and closes it.
     *
     * @param raw         the stream's bytes from its start, plain or gzip
     * @param resumeAfter the last record committed before; 0 to read it from its start (then what
     *                    was quarantined of it in this run may be quarantined again)
     * @throws IOException when it cannot be read to its end (other than a truncated gzip), unless
     *                     the source is stopping; what was committed stays committed
     */
    public Outcome read(Stream stream, InputStream raw, long resumeAfter) throws IOException {
        if (resumeAfter == 0) {
            quarantinedThrough.remove(stream.name());
        }
        Batch batch = new Batch(stream, resumeAfter, journal.batch(instance));
        try {
            return readAndCommit(batch, raw);
        } finally {
            settle(batch);
        }
    }

    private Outcome readAndCommit(Batch batch, InputStream raw) throws IOException {
        Stream stream = batch.stream;
        try (InputStream in = new BufferedInputStream(raw, BUFFER)) {
            boolean gzip = gzip(in);
            try {
                Outcome outcome = readRecords(batch, gzip ? new BufferedInputStream(new OneReadAtATime(
                        new GZIPInputStream(in, BUFFER)), PEEK) : in);
                if (outcome != Outcome.DONE) {
                    return outcome;
                }
            } catch (EOFException | ZipException e) {
                if (!gzip) {
                    throw e;
                }
                quarantine(batch, batch.through + 1, "gzip data ends early or is corrupt (" + e.getMessage()
                        + "): the " + batch.stream.noun() + " is truncated; the records before were read", "", false);
            }
        } catch (IOException e) {
            if (stopping.getAsBoolean()) {
                return Outcome.STOPPED; // an interrupted channel
            }
            throw e;
        }
        if (!commit(batch, true)) {
            return Outcome.REFUSED;
        }
        if (batch.totalRecords > 0) {
            LOG.info("{} finished {}: {} records read in this pass, {} events, {} quarantined", owner,
                    stream.name(), batch.totalRecords, batch.totalEvents,
                    batch.quarantined);
        }
        return Outcome.DONE;
    }

    private Outcome readRecords(Batch batch, InputStream in) throws IOException {
        if (batch.stream.wholeIfNotJson()) {
            String notJson = notJson(in);
            if (notJson != null) {
                quarantine(batch, 1, "not JSON, JSON Lines or a CloudTrail file; nothing of it was read", notJson, false);
                return Outcome.DONE;
            }
        }
        RecordReader reader = RecordReader.open(in, limits.maxRecordBytes(), recognizer::projection);
        reader.skipThrough(batch.through);
        for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if (stopping.getAsBoolean()) {
                return Outcome.STOPPED;
            }
            accept(batch, entry);
            if (batch.records == limits.batchSize() && !commit(batch, false)) {
                return stopping.getAsBoolean() ? Outcome.STOPPED : Outcome.REFUSED;
            }
        }
        return Outcome.DONE;
    }

    /**
     * A stream that says nothing is available without blocking. A BufferedInputStream in front of
     * it then hands on what one read gave instead of reading on to fill the caller's array: when
     * the next read of a truncated gzip fails, the records decompressed before the cut have
     * already reached the reader, instead of being dropped with the bytes of the failed call.
     */
    private static final class OneReadAtATime extends FilterInputStream {
        OneReadAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static boolean gzip(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    /**
     * Looks at the first bytes without consuming them: JSON in any of the layouts starts with
     * {@code {} or {@code [} after white space and a byte-order mark.
     *
     * @return the first bytes as text when it is not JSON, else null
     */
    private static String notJson(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        int i = bom ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i == head.length || head[i] == '{' || head[i] == '[' ? null : new String(head, StandardCharsets.UTF_8);
    }

    private void accept(Batch batch, RecordEntry entry) {
        batch.records++;
        batch.totalRecords++;
        batch.through = entry.number();
        List<Event> events;
        try {
            events = recognizer.events(entry, instance, batch.stream.fallbackId(entry.number()));
        } catch (RecordException e) {
            // a malformed entry's text may be only the start of the record: it cannot be retried
            quarantine(batch, entry.number(), e.getMessage(), entry.text(), entry instanceof RecordEntry.Parsed);
            return;
        }
        for (Event e : events) {
            try {
                batch.appending.add(e);
                batch.totalEvents++;
            } catch (IllegalArgumentException unstorable) {
                // the events of the record before it stay in the batch: their ids dedupe a retry
                quarantine(batch, entry.number(), "cannot be stored: " + unstorable.getMessage(), entry.text(), true);
                return;
            }
        }
    }

    private void quarantine(Batch batch, long number, String reason, String content, boolean whole) {
        batch.quarantined++;
        String name = batch.stream.name();
        if (number <= quarantinedThrough.getOrDefault(name, 0L)) {
            return;
        }
        journal.quarantine(instance, batch.stream.location(number), reason, content, whole);
        quarantinedThrough.put(name, number);
    }

    /**
     * Hands the batch to the journal with the stream's position. A batch before the last is not
     * waited for: its commit runs while the next batch is read. The next batch is handed over
     * behind it ({@link Journal.Batch#startAppend(Checkpoint, Checkpoint, Journal.PendingAppend)}),
     * which commits only if it did, and then it is awaited: so at most two batches are ever
     * uncommitted and one that fails is never followed by a committed one. The last batch is
     * awaited here.
     *
     * @return false when the journal refused this batch or the one before; nothing of the refused
     *         batches was kept
     */
    private boolean commit(Batch batch, boolean done) {
        Journal.PendingAppend before = batch.committing;
        Checkpoint previous = batch.committingAt;
        batch.committing = null;
        Checkpoint next = batch.stream.checkpoint(batch.through, done);
        Journal.PendingAppend pending;
        try {
            pending = before == null ? batch.appending.startAppend(next)
                    : batch.appending.startAppend(next, previous, before);
        } catch (JournalException e) {
            if (before != null) {
                committed(batch, before);
            }
            return refused(batch, e);
        } finally {
            batch.appending = journal.batch(instance);
        }
        batch.records = 0;
        if (before != null) {
            if (!committed(batch, before)) {
                // refused behind it; awaited so that what the caller reads next includes neither
                committed(batch, pending);
                return false;
            }
            batch.stream.afterBatch();
        }
        if (done) {
            return committed(batch, pending);
        }
        batch.committing = pending;
        batch.committingAt = next;
        return true;
    }

    /**
     * Waits for a batch still under way when reading ends otherwise than by its last commit (the
     * source stops, the stream fails): what the caller then reads from the journal includes it.
     */
    private void settle(Batch batch) {
        Journal.PendingAppend pending = batch.committing;
        if (pending != null) {
            batch.committing = null;
            committed(batch, pending);
        }
    }

    private boolean committed(Batch batch, Journal.PendingAppend pending) {
        try {
            pending.await();
        } catch (JournalException e) {
            return refused(batch, e);
        }
        if (journalFailing) {
            LOG.info("{}: the journal takes batches again", owner);
            journalFailing = false;
        }
        return true;
    }

    private boolean refused(Batch batch, JournalException e) {
        if (!journalFailing) {
            LOG.warn("{}: the journal did not take a batch of {} ({}); nothing is lost, it is read again from the"
                    + " last committed position", owner, batch.stream.name(), e.getMessage());
        }
        journalFailing = true;
        return false;
    }

    /** The records read from a stream since its last commit, and totals for the log. */
    private static final class Batch {
        final Stream stream;
        /** The events read since the last commit, prepared by the journal as they are added. */
        Journal.Batch appending;
        /** The batch before, handed to the journal and maybe not committed yet; null when none. */
        Journal.PendingAppend committing;
        /** The stream's position once {@link #committing} is committed. */
        Checkpoint committingAt;
        long through;
        int records;
        long totalRecords;
        long totalEvents;
        long quarantined;

        Batch(Stream stream, long through, Journal.Batch appending) {
            this.stream = stream;
            this.through = through;
            this.appending = appending;
        }
    }
}
