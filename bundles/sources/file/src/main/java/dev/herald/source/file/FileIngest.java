package dev.herald.source.file;

import dev.herald.api.Checkpoint;
import dev.herald.api.Event;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordEntry;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordReader;
import dev.herald.api.record.RecordRecognizer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file into the journal, from where its committed {@link FilePosition} says, in batches
 * of at most {@code batch_size} records; each batch is one {@link Journal#append} carrying the
 * file's new position, so a restart resumes after the last committed record and re-delivers
 * nothing that was committed.
 *
 * <p>A line that is not JSON, a record longer than {@code max_record_bytes} or not UTF-8, a record
 * its kind cannot make sense of (whatever the failure), and the end of a truncated or corrupt gzip
 * are quarantined with their location ({@code file:line}) and the rest of the file
 * still flows; a truncated gzip is then finished. Quarantining happens before the batch is
 * committed (a crash in between quarantines the record again on the next run: at least once,
 * never lost); retries within one run do not repeat it.
 *
 * <p>Records without an id of their own (Illumio flow summaries, other JSON without an id pointer)
 * get {@code file:line@head}, where head is the CRC of the file's first bytes: reading the same
 * content again yields the same ids (and the journal drops them as duplicates), while a replaced
 * file with new content yields new ones.
 *
 * <p>A file is opened without following a symbolic link (a file swapped for a link after it was
 * listed fails to open).
 */
final class FileIngest {
    private static final Logger LOG = LoggerFactory.getLogger(FileIngest.class);

    private final String instance;
    private final Journal journal;
    private final RecordRecognizer recognizer;
    private final int batchSize;
    private final int maxRecordBytes;
    private final BooleanSupplier stopping;
    /** Per stream, the highest entry number quarantined in this run. */
    private final Map<String, Long> quarantinedThrough = new HashMap<>();
    private boolean journalFailing;

    FileIngest(FileSourceSettings settings, Journal journal, BooleanSupplier stopping) {
        this.instance = settings.name();
        this.journal = journal;
        this.recognizer = new RecordRecognizer(settings.pointers());
        this.batchSize = settings.batchSize();
        this.maxRecordBytes = settings.maxRecordBytes();
        this.stopping = stopping;
    }

    /**
     * Reads what is new in the file.
     *
     * @param committed its committed position, if any
     * @return false when the journal refused a batch: nothing of it was kept, the caller should
     *         stop and try again later from the committed position
     * @throws IOException when the file cannot be read (other than a truncated gzip); what was
     *                     committed stays committed
     */
    boolean read(FoundFile file, Optional<FilePosition> committed) throws IOException {
        if (committed.isPresent() && committed.get().done() && committed.get().sameVersion(file)) {
            return true;
        }
        FileHead head = FileHead.read(file.path(), file.size());
        Batch batch = new Batch(file, head, resumeAfter(file, committed, head));
        try (RecordReader reader = RecordReader.open(decompressed(file, head), maxRecordBytes)) {
            reader.skipThrough(batch.through);
            for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if (stopping.getAsBoolean()) {
                    return true;
                }
                accept(batch, entry);
                if (batch.records == batchSize && !commit(batch, false)) {
                    return false;
                }
            }
        } catch (EOFException | ZipException e) {
            if (!head.gzip()) {
                throw e;
            }
            quarantine(batch, batch.through + 1, "gzip data ends early or is corrupt (" + e.getMessage()
                    + "): the file is truncated; the records before were read", "", false);
        }
        if (!commit(batch, true)) {
            return false;
        }
        LOG.info("File source '{}' finished {}: {} records read in this pass, {} events, {} quarantined", instance, file.stream(),
                batch.totalRecords, batch.totalEvents, batch.quarantined);
        return true;
    }

    /** The entry number after which to read: 0 for a new or replaced file. */
    private long resumeAfter(FoundFile file, Optional<FilePosition> committed, FileHead head) throws IOException {
        if (committed.isEmpty()) {
            return 0;
        }
        FilePosition p = committed.get();
        if (p.sameVersion(file)) {
            return p.through();
        }
        if (!head.gzip() && file.size() > p.size() && p.head().equals(FileHead.crcOf(file.path(), p.size()))) {
            return p.through(); // appended to
        }
        quarantinedThrough.remove(file.stream());
        LOG.info("File source '{}': {} was replaced; reading it again from the start", instance, file.stream());
        return 0;
    }

    private static InputStream decompressed(FoundFile file, FileHead head) throws IOException {
        InputStream in = FileHead.open(file.path());
        try {
            return head.gzip() ? new GZIPInputStream(in, 64 * 1024) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private void accept(Batch batch, RecordEntry entry) {
        batch.records++;
        batch.totalRecords++;
        batch.through = entry.number();
        try {
            List<Event> events = recognizer.events(entry, instance,
                    batch.file.stream() + ":" + entry.number() + "@" + batch.head.crc());
            batch.events.addAll(events);
            batch.totalEvents += events.size();
        } catch (RecordException e) {
            // a malformed entry's text may be only the start of the record: it cannot be retried
            quarantine(batch, entry.number(), e.getMessage(), entry.text(), entry instanceof RecordEntry.Parsed);
        }
    }

    private void quarantine(Batch batch, long number, String reason, String content, boolean whole) {
        batch.quarantined++;
        String stream = batch.file.stream();
        if (number <= quarantinedThrough.getOrDefault(stream, 0L)) {
            return;
        }
        journal.quarantine(instance, stream + ":" + number, reason, content, whole);
        quarantinedThrough.put(stream, number);
    }

    private boolean commit(Batch batch, boolean done) {
        FilePosition next = new FilePosition(batch.through, batch.file.size(), batch.file.mtime(), batch.head.crc(), done);
        try {
            journal.append(instance, List.copyOf(batch.events), new Checkpoint(batch.file.stream(), next.encode()));
        } catch (JournalException e) {
            if (!journalFailing) {
                LOG.warn("File source '{}': the journal did not take a batch of {} ({}); nothing is lost, it is read"
                        + " again from the last committed position at the next poll", instance, batch.file.stream(),
                        e.getMessage());
            }
            journalFailing = true;
            return false;
        }
        if (journalFailing) {
            LOG.info("File source '{}': the journal takes batches again", instance);
            journalFailing = false;
        }
        batch.events.clear();
        batch.records = 0;
        return true;
    }

    /** The records read from a file since its last commit, and totals for the log. */
    private static final class Batch {
        final FoundFile file;
        final FileHead head;
        final List<Event> events = new ArrayList<>();
        long through;
        int records;
        long totalRecords;
        long totalEvents;
        long quarantined;

        Batch(FoundFile file, FileHead head, long through) {
            this.file = file;
            this.head = head;
            this.through = through;
        }
    }
}
