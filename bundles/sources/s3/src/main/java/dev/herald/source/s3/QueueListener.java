package dev.herald.source.s3;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SQS mode: receives S3 notifications (see {@link Notification}) and reads the objects they
 * announce. A message is deleted only once every event of its objects is committed; while a large
 * object is read, the message's visibility is extended so that no other node takes it over. A
 * message left undeleted (the journal refused, S3 failed, Herald stopped) comes back after its
 * visibility timeout and its objects resume from their committed positions. Several Herald
 * nodes may share one queue: each message goes to one of them at a time.
 *
 * <p>Each object's position is kept under the stream {@code bucket/key} until its message is
 * deleted.
 */
final class QueueListener {
    private static final Logger LOG = LoggerFactory.getLogger(QueueListener.class);
    private static final int MAX_MESSAGES = 10;

    private final S3SourceSettings settings;
    private final Journal journal;
    private final SqsClient sqs;
    private final ObjectIngest ingest;
    private final BooleanSupplier stopping;
    private final SourceHealth health;

    QueueListener(S3SourceSettings settings, Journal journal, S3Client s3, SqsClient sqs, BooleanSupplier stopping,
                  RecordRecognizer recognizer) {
        this.settings = settings;
        this.journal = journal;
        this.sqs = sqs;
        this.ingest = new ObjectIngest(settings, journal, s3, stopping, recognizer);
        this.stopping = stopping;
        this.health = new SourceHealth(settings.name(), journal, settings.pollInterval());
    }

    /**
     * One receive (long-polling for {@code wait_time}) and the messages it brought.
     *
     * @return how long to wait before the next receive: none, or a pause after SQS or S3 failed (the
     *         problem is reported, see {@link PollHealth})
     */
    Duration receive() {
        Instant now = Instant.now();
        PollHealth queue = health.health();
        Duration wait = Duration.ZERO;
        long receivedAt = System.nanoTime();
        try {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(settings.queueUrl())
                    .maxNumberOfMessages(MAX_MESSAGES).waitTimeSeconds((int) settings.waitTime().toSeconds())
                    .visibilityTimeout((int) settings.visibilityExtension().toSeconds())).messages();
            for (Message message : messages) {
                if (stopping.getAsBoolean() || !handle(message, receivedAt)) {
                    break;
                }
            }
            queue.readAgain();
        } catch (SdkException e) {
            wait = AwsErrors.pause(queue, e, "; check queue_url, the region and the IAM policy (sqs:ReceiveMessage,"
                    + " sqs:DeleteMessage, sqs:ChangeMessageVisibility on the queue; s3:GetObject on the bucket's"
                    + " objects and its KMS key policy); a message comes back after its visibility timeout", now);
            LOG.warn("S3 source '{}': {}", settings.name(), queue.problem().orElse(""));
        }
        health.report();
        return wait;
    }

    /** @return false when the message is left for later (the journal refused, an object broke off) */
    private boolean handle(Message message, long receivedAt) {
        Notification notification;
        try {
            notification = Notification.parse(message.body());
        } catch (IllegalArgumentException e) {
            journal.quarantine(settings.name(), settings.queueUrl() + " message " + message.messageId(),
                    "not an S3 notification: " + e.getMessage(), message.body());
            delete(message);
            return true;
        }
        Visibility visibility = new Visibility(message, receivedAt);
        List<String> streams = new ArrayList<>();
        for (ObjectRef object : notification.objects()) {
            if (!wanted(object)) {
                continue;
            }
            String stream = object.bucket() + "/" + object.key();
            RecordStreamIngest.Outcome outcome;
            try {
                outcome = ingest.read(object, stream, null, visibility::extendIfDue);
            } catch (IOException e) {
                LOG.warn("S3 source '{}': reading {} broke off ({}); it resumes when the message comes back",
                        settings.name(), object, e.getMessage());
                return false;
            }
            if (outcome != RecordStreamIngest.Outcome.DONE) {
                return false;
            }
            streams.add(stream);
        }
        delete(message);
        streams.forEach(this::forget);
        return true;
    }

    private boolean wanted(ObjectRef object) {
        return (settings.bucket().isEmpty() || settings.bucket().equals(object.bucket()))
                && object.key().startsWith(settings.prefix()) && settings.include().matches(object.key());
    }

    private void delete(Message message) {
        sqs.deleteMessage(d -> d.queueUrl(settings.queueUrl()).receiptHandle(message.receiptHandle()));
    }

    private void forget(String stream) {
        try {
            journal.removeCheckpoint(settings.name(), stream);
        } catch (JournalException e) {
            LOG.debug("S3 source '{}': the finished position of {} stays ({})", settings.name(), stream, e.getMessage());
        }
    }

    /** Keeps a message hidden while its objects are read: extended once half of the extension has passed. */
    private final class Visibility {
        private final Message message;
        private long extendedAt;

        Visibility(Message message, long receivedAt) {
            this.message = message;
            this.extendedAt = receivedAt;
        }

        void extendIfDue() {
            long now = System.nanoTime();
            if (now - extendedAt < settings.visibilityExtension().toNanos() / 2) {
                return;
            }
            sqs.changeMessageVisibility(c -> c.queueUrl(settings.queueUrl()).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) settings.visibilityExtension().toSeconds()));
            extendedAt = now;
        }
    }
}
