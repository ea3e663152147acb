package dev.herald.source.s3;

import dev.herald.api.Checkpoint;
import dev.herald.api.Journal;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.RecordStreamIngest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads one object into the journal from where its committed {@link ObjectPosition} says, as
 * {@link RecordStreamIngest} does (a stream in constant memory whatever its size, batches each
 * committed with the object's new position, the quarantine of a bad record at {@code
 * s3://bucket/key:line}, a truncated gzip finished); an object that is not JSON at all is
 * quarantined whole. An object read to its end, or deleted before it was read, is finished: its
 * final checkpoint is committed and nothing more is read of it.
 *
 * <p>Records without an id of their own (Illumio flow summaries) get {@code key:line@etag}:
 * reading the same object again yields the same ids, which the journal drops as duplicates.
 */
final class ObjectIngest {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectIngest.class);

    private final String instance;
    private final Journal journal;
    private final S3Client s3;
    private final RecordStreamIngest ingest;

    ObjectIngest(S3SourceSettings settings, Journal journal, S3Client s3, BooleanSupplier stopping,
                 RecordRecognizer recognizer) {
        this.instance = settings.name();
        this.journal = journal;
        this.s3 = s3;
        this.ingest = new RecordStreamIngest("S3 source '" + instance + "'", instance, journal,
                recognizer, settings.limits(), stopping);
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
    RecordStreamIngest.Outcome read(ObjectRef object, String stream, Checkpoint last, Runnable afterBatch)
            throws IOException {
        Optional<ObjectPosition> committed = journal.checkpoint(instance, stream)
                .flatMap(c -> ObjectPosition.decode(c.position()));
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(b -> b.bucket(object.bucket()).key(object.key()));
        } catch (NoSuchKeyException e) {
            LOG.info("S3 source '{}': {} was deleted before it was read; skipping it", instance, object);
            return finish(new Version(object, stream, "", last, afterBatch));
        }
        Version version = new Version(object, stream, String.valueOf(response.response().eTag()), last, afterBatch);
        if (committed.isPresent() && committed.get().finished(version.etag())) {
            response.abort();
            return finish(version);
        }
        return ingest.read(version, response, committed.map(p -> p.resumeAfter(version.etag())).orElse(0L));
    }

    /** Commits the object's final checkpoint without reading anything of it. */
    private RecordStreamIngest.Outcome finish(Version version) throws IOException {
        return ingest.read(version, InputStream.nullInputStream(), 0);
    }

    /** One version of an object (its ETag), and the checkpoints committed with its batches. */
    private record Version(ObjectRef object, String stream, String etag, Checkpoint last, Runnable onBatch)
            implements RecordStreamIngest.Stream {
        @Override
        public String name() {
            return stream;
        }

        @Override
        public String noun() {
            return "object";
        }

        @Override
        public String location(long number) {
            return object.location(number);
        }

        @Override
        public String fallbackId(long number) {
            return object.key() + ":" + number + "@" + etag;
        }

        @Override
        public Checkpoint checkpoint(long through, boolean done) {
            return done && last != null ? last
                    : new Checkpoint(stream, new ObjectPosition(through, etag, done).encode());
        }

        @Override
        public void afterBatch() {
            onBatch.run();
        }

        @Override
        public boolean wholeIfNotJson() {
            return true;
        }
    }
}
