package dev.herald.source.s3;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads one object into the journal as a stream (constant memory whatever its size), from where
 * its committed {@link ObjectPosition} says, in batches of at most {@code batch_size} records;
 * each batch is one {@link Journal#append} carrying the object's new position, so a crash resumes
 * after the last committed batch.
 *
 * <p>Gzip is recognised by its magic bytes, whatever the key's suffix. A line that is not JSON, a
 * record longer than {@code max_record_bytes} or not UTF-8, a record its kind cannot make sense of
 * (whatever the failure), the end of a truncated or corrupt gzip, and an object that is not JSON
 * at all are quarantined at {@code s3://bucket/key:line} and the rest still flows.
 *
 * <p>Records without an id of their own (Illumio flow summaries) get {@code key:line@etag}:
 * reading the same object again yields the same ids, which the journal drops as duplicates.
 */
final class ObjectIngest {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectIngest.class);
    private static final int PEEK = 256;

    /** How reading an object ended. */
    enum Outcome {
        /** Read to its end and committed with the final checkpoint. */
        DONE,
        /** The journal refused a batch: nothing of it was kept; retry later from the committed position. */
        REFUSED,
        /** The source is stopping; what was committed stays committed. */
        STOPPED,
        /** The object no longer exists. */
        GONE
    }

    private final String instance;
    private final Journal journal;
    private final S3Client s3;
    private final RecordRecognizer recognizer = new RecordRecognizer();
    private final int batchSize;
    private final int maxRecordBytes;
    private final BooleanSupplier stopping;
    /** Per stream, the highest entry number quarantined in this run, so that retries do not repeat it. */
    private final Map<String, Long> quarantinedThrough = new HashMap<>();
    private boolean journalFailing;

    ObjectIngest(S3SourceSettings settings, Journal journal, S3Client s3, BooleanSupplier stopping) {
        this.instance = settings.name();
        this.journal = journal;
        this.s3 = s3;
        this.batchSize = settings.batchSize();
        this.maxRecordBytes = settings.maxRecordBytes();
        this.stopping = stopping;
    }

    /**
     * Reads what is not committed yet of an object.
     *
     * @param stream     its checkpoint stream
     * @param last       the checkpoint committed with the object's last batch; null for its own
     *                   stream's position marked done
     * @param afterBatch runs after every committed batch (to extend an SQS message's visibility)
     * @throws IOException                                        when the object cannot be read
     *                                                            to its end (other than a
     *                                                            truncated gzip)
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 refuses it
     */
    Outcome read(ObjectRef object, String stream, Checkpoint last, Runnable afterBatch) throws IOException {
        Optional<ObjectPosition> committed = journal.checkpoint(instance, stream)
                .flatMap(c -> ObjectPosition.decode(c.position()));
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (NoSuchKeyException e) {
            LOG.info("S3 source '{}': {} was deleted before it was read; skipping it", instance, object);
            return Outcome.GONE;
        }
        String etag = String.valueOf(response.response().eTag());
        if (committed.isPresent() && committed.get().finished(etag)) {
            response.abort();
            return commit(new Batch(object, stream, etag, 0), last) ? Outcome.DONE : Outcome.REFUSED;
        }
        long resumeAfter = committed.map(p -> p.resumeAfter(etag)).orElse(0L);
        if (resumeAfter == 0) {
            quarantinedThrough.remove(stream);
        }
        Batch batch = new Batch(object, stream, etag, resumeAfter);
        try (InputStream in = decompressed(response)) {
            Optional<String> notJson = notJson(in);
            if (notJson.isPresent()) {
                quarantine(batch, 1, "the object is not JSON, JSON Lines or a CloudTrail file; nothing of it was read",
                        notJson.get(), false);
            } else if (!readRecords(batch, in, afterBatch)) {
                return stopping.getAsBoolean() ? Outcome.STOPPED : Outcome.REFUSED;
            }
        } catch (EOFException | ZipException e) {
            quarantine(batch, batch.through + 1, "gzip data ends early or is corrupt (" + e.getMessage()
                    + "): the object is truncated; the records before were read", "", false);
        }
        if (!commit(batch, last)) {
            return Outcome.REFUSED;
        }
        LOG.info("S3 source '{}' finished {}: {} records read, {} events, {} quarantined", instance, object,
                batch.totalRecords, batch.totalEvents, batch.quarantined);
        return Outcome.DONE;
    }

    /** @return false when stopping or when the journal refused a batch */
    private boolean readRecords(Batch batch, InputStream in, Runnable afterBatch) throws IOException {
        RecordReader reader = RecordReader.open(in, maxRecordBytes);
        reader.skipThrough(batch.through);
        for (RecordEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            accept(batch, entry);
            if (batch.records == batchSize) {
                if (!commit(batch, null, false)) {
                    return false;
                }
                afterBatch.run();
            }
        }
        return true;
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), PEEK) : in;
    }

    /**
     * Looks at the first bytes (without consuming them, so {@code in} must support mark): JSON in any of the layouts starts with
     * {@code {} or {@code [} after white space and a byte-order mark.
     *
     * @return the first bytes as text when it is not JSON
     */
    private static Optional<String> notJson(InputStream in) throws IOException {
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        int i = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i == head.length || head[i] == '{' || head[i] == '[') {
            return Optional.empty();
        }
        return Optional.of(new String(head, StandardCharsets.UTF_8));
    }

    private void accept(Batch batch, RecordEntry entry) {
        batch.records++;
        batch.totalRecords++;
        batch.through = entry.number();
        try {
            List<Event> events = recognizer.events(entry, instance,
                    batch.object.key() + ":" + entry.number() + "@" + batch.etag);
            batch.events.addAll(events);
            batch.totalEvents += events.size();
        } catch (RecordException e) {
            // a malformed entry's text may be only the start of the record: it cannot be retried
            quarantine(batch, entry.number(), e.getMessage(), entry.text(), entry instanceof RecordEntry.Parsed);
        }
    }

    private void quarantine(Batch batch, long number, String reason, String content, boolean whole) {
        batch.quarantined++;
        if (number <= quarantinedThrough.getOrDefault(batch.stream, 0L)) {
            return;
        }
        journal.quarantine(instance, batch.object.location(number), reason, content, whole);
        quarantinedThrough.put(batch.stream, number);
    }

    /** Commits the object's final batch with {@code last}, or with its own position marked done. */
    private boolean commit(Batch batch, Checkpoint last) {
        return commit(batch, last, true);
    }

    private boolean commit(Batch batch, Checkpoint last, boolean done) {
        Checkpoint next = last != null ? last
                : new Checkpoint(batch.stream, new ObjectPosition(batch.through, batch.etag, done).encode());
        try {
            journal.append(instance, List.copyOf(batch.events), next);
        } catch (JournalException e) {
            if (!journalFailing) {
                LOG.warn("S3 source '{}': the journal did not take a batch of {} ({}); nothing is lost, it is read"
                        + " again from the last committed position", instance, batch.object, e.getMessage());
            }
            journalFailing = true;
            return false;
        }
        if (journalFailing) {
            LOG.info("S3 source '{}': the journal takes batches again", instance);
            journalFailing = false;
        }
        batch.events.clear();
        batch.records = 0;
        return true;
    }

    /** The records read from an object since its last commit, and totals for the log. */
    private static final class Batch {
        final ObjectRef object;
        final String stream;
        final String etag;
        final List<Event> events = new ArrayList<>();
        long through;
        int records;
        long totalRecords;
        long totalEvents;
        long quarantined;

        Batch(ObjectRef object, String stream, String etag, long through) {
            this.object = object;
            this.stream = stream;
            this.etag = etag;
            this.through = through;
        }
    }
}
