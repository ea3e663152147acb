package dev.herald.source.file;

import dev.herald.api.Checkpoint;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.source.RecordStreamIngest;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file into the journal from where its committed {@link FilePosition} says, as {@link
 * RecordStreamIngest} does (batches each committed with the file's new position, the quarantine of
 * a bad record at {@code file:line}, a truncated gzip finished): a finished file that did not change
 * is not read again, a plain file that grew and still starts the same is read on after its last
 * committed record, any other change reads it again from its start.
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
    private final RecordStreamIngest ingest;

    FileIngest(FileSourceSettings settings, Journal journal, BooleanSupplier stopping, RecordKinds kinds) {
        this.instance = settings.name();
        this.ingest = new RecordStreamIngest("File source '" + instance + "'", instance, journal,
                kinds.recognizer(settings.pointers()), settings.limits(), stopping);
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
        long resumeAfter = resumeAfter(file, committed, head);
        return ingest.read(new Version(file, head), FileHead.open(file.path()), resumeAfter)
                != RecordStreamIngest.Outcome.REFUSED;
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
        LOG.info("File source '{}': {} was replaced; reading it again from the start", instance, file.stream());
        return 0;
    }

    /** The file as listed: its stream, and its position committed with each batch. */
    private record Version(FoundFile file, FileHead head) implements RecordStreamIngest.Stream {
        @Override
        public String name() {
            return file.stream();
        }

        @Override
        public String noun() {
            return "file";
        }

        @Override
        public String location(long number) {
            return file.stream() + ":" + number;
        }

        @Override
        public String fallbackId(long number) {
            return file.stream() + ":" + number + "@" + head.crc();
        }

        @Override
        public Checkpoint checkpoint(long through, boolean done) {
            return new Checkpoint(file.stream(),
                    new FilePosition(through, file.size(), file.mtime(), head.crc(), done).encode());
        }
    }
}
