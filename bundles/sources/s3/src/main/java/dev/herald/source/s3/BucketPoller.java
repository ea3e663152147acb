package dev.herald.source.s3;

import dev.herald.api.Checkpoint;
import dev.herald.api.Journal;
import dev.herald.api.JournalException;
import dev.herald.api.record.RecordRecognizer;
import dev.herald.api.source.PollHealth;
import dev.herald.api.source.RecordStreamIngest;
import dev.herald.api.source.SourceHealth;
import dev.herald.aws.AwsErrors;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Poll mode: lists the bucket under the prefix in key order, starting after the {@value #LISTING}
 * checkpoint (the last key fully committed), and reads every object the include patterns select,
 * one after the other. An object's last batch moves {@value #LISTING} to its key in the same
 * commit, so the listing never passes an object that is not complete; its own stream (its key,
 * holding the position within it) is then removed. Nothing is left out after an outage or a
 * backlog: every key after the checkpoint is listed, however old.
 *
 * <p>A key written later but sorting before the checkpoint is not seen (see the README: use one
 * prefix per region and account, or SQS mode).
 *
 * <p>When S3 cannot be listed or read, the source pauses as {@link PollHealth} says and shows the
 * problem ({@link SourceHealth}) until it reads again.
 */
final class BucketPoller {
    /** The checkpoint stream holding the last key fully committed. */
    static final String LISTING = "listing";

    private static final Logger LOG = LoggerFactory.getLogger(BucketPoller.class);

    private final S3SourceSettings settings;
    private final Journal journal;
    private final S3Client s3;
    private final ObjectIngest ingest;
    private final BooleanSupplier stopping;
    private final SourceHealth health;

    BucketPoller(S3SourceSettings settings, Journal journal, S3Client s3, BooleanSupplier stopping,
                 RecordRecognizer recognizer) {
        this.settings = settings;
        this.journal = journal;
        this.s3 = s3;
        this.ingest = new ObjectIngest(settings, journal, s3, stopping, recognizer);
        this.stopping = stopping;
        this.health = new SourceHealth(settings.name(), journal, settings.pollInterval());
    }

    /**
     * Reads every new object; stops early when the journal refuses or an object cannot be read.
     *
     * @return how long to wait before the next poll: longer after a failure, see {@link PollHealth}
     */
    Duration poll() {
        Instant now = Instant.now();
        PollHealth bucket = health.health("listing or reading s3://" + settings.bucket() + "/" + settings.prefix());
        Duration wait = settings.pollInterval();
        try {
            list();
            bucket.readAgain();
        } catch (SdkException e) {
            wait = AwsErrors.pause(bucket, e, "; check the bucket name, region and the IAM policy (s3:ListBucket on the"
                    + " bucket, s3:GetObject on its objects)", now);
            LOG.warn("S3 source '{}': {}", settings.name(), bucket.problem().orElse(""));
        } catch (JournalException e) {
            LOG.warn("S3 source '{}': the journal did not take the listing position ({}); it is moved at the next"
                    + " poll", settings.name(), e.getMessage());
        }
        health.report();
        return wait;
    }

    private void list() throws JournalException {
        String name = settings.name();
        String startAfter = journal.checkpoint(name, LISTING).map(Checkpoint::position).orElse(settings.startAfter());
        removeFinishedStreams(startAfter);
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(settings.bucket())
                .prefix(settings.prefix());
        if (!startAfter.isEmpty()) {
            request.startAfter(startAfter);
        }
        String skippedThrough = null;
        for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
            if (stopping.getAsBoolean()) {
                return;
            }
            if (!settings.include().matches(object.key())) {
                skippedThrough = object.key();
                continue;
            }
            if (!read(new ObjectRef(settings.bucket(), object.key()))) {
                return;
            }
            skippedThrough = null;
        }
        if (skippedThrough != null) {
            journal.append(name, List.of(), new Checkpoint(LISTING, skippedThrough));
        }
    }

    /** @return whether the object was finished; false when it broke off (it is resumed at the next poll) */
    private boolean read(ObjectRef object) {
        RecordStreamIngest.Outcome outcome;
        try {
            outcome = ingest.read(object, object.key(), new Checkpoint(LISTING, object.key()), () -> { });
        } catch (IOException e) {
            LOG.warn("S3 source '{}': reading {} broke off ({}); it is resumed from its committed position at the"
                    + " next poll", settings.name(), object, e.getMessage());
            return false;
        }
        if (outcome == RecordStreamIngest.Outcome.DONE) {
            forget(object.key());
        }
        return outcome == RecordStreamIngest.Outcome.DONE;
    }

    /** Object streams at or before the listing belong to complete objects (a crash came before their removal). */
    private void removeFinishedStreams(String listing) {
        for (Map.Entry<String, String> stream : journal.checkpoints(settings.name()).entrySet()) {
            String key = stream.getKey();
            if (!key.equals(LISTING) && !listing.isEmpty() && key.compareTo(listing) <= 0) {
                forget(key);
            }
        }
    }

    private void forget(String stream) {
        try {
            journal.removeCheckpoint(settings.name(), stream);
        } catch (JournalException e) {
            LOG.debug("S3 source '{}': the position of {} stays until the next poll ({})", settings.name(), stream,
                    e.getMessage());
        }
    }
}
