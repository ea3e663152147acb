package dev.herald.source.s3;

import dev.herald.api.source.RecordStreamIngest;
import dev.herald.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * An S3 source's configuration, validated.
 *
 * @param name                the source instance name
 * @param mode                how new objects are found
 * @param bucket              the bucket listed (poll mode); in SQS mode, when set, the only bucket read
 * @param prefix              the key prefix listed (poll mode) or required of notified keys (SQS mode)
 * @param queueUrl            the SQS queue (SQS mode)
 * @param pollInterval        the pause between two listings, or after an SQS failure
 * @param startAfter          the key to start after on the first run (poll mode)
 * @param include             which keys to read
 * @param batchSize           the most records per journal commit
 * @param maxRecordBytes      the longest record read
 * @param waitTime            the SQS long-polling wait
 * @param visibilityExtension how long a message stays hidden, extended while its objects are read
 * @param pathStyle           path-style bucket addressing, for S3-compatible stores
 * @param sqsEndpoint         the SQS endpoint, when not AWS's (the configured {@code endpoint} is S3's)
 */
record S3SourceSettings(String name, Mode mode, String bucket, String prefix, String queueUrl, Duration pollInterval,
                        String startAfter, KeyFilter include, RecordStreamIngest.Limits limits, Duration waitTime,
                        Duration visibilityExtension, boolean pathStyle, Optional<URI> sqsEndpoint) {
    /** SQS's longest long-polling wait. */
    static final int MAX_WAIT_SECONDS = 20;
    /** SQS's longest visibility timeout: 12 hours. */
    static final int MAX_VISIBILITY_SECONDS = 43_200;

    /** How new objects are found. */
    enum Mode {
        /** Listing the bucket in key order. */
        POLL,
        /** S3 event notifications delivered to an SQS queue. */
        SQS
    }

    /** @throws IllegalArgumentException naming the property and the fix when a value is invalid */
    static S3SourceSettings from(S3Source.Config c) {
        String name = trimmed(c.name());
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is missing: give the source instance a name; its events carry it"
                    + " as 'instance' and its checkpoints are kept under it");
        }
        Mode mode = mode(c.mode());
        String bucket = trimmed(c.bucket());
        if (mode == Mode.POLL && bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket is missing: give the name of the bucket to list (poll mode),"
                    + " e.g. my-cloudtrail-logs");
        }
        String queueUrl = trimmed(c.queue__url());
        if (mode == Mode.SQS && queueUrl.isEmpty()) {
            throw new IllegalArgumentException("queue_url is missing: mode = sqs needs the URL of the queue S3 notifies,"
                    + " e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/herald-cloudtrail");
        }
        if (c.poll__interval() < 1) {
            throw new IllegalArgumentException("poll_interval = " + c.poll__interval()
                    + " is out of range: give the seconds between two listings, at least 1");
        }
        RecordStreamIngest.Limits limits = new RecordStreamIngest.Limits(c.batch__size(), c.max__record__bytes());
        if (c.wait__time() < 0 || c.wait__time() > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("wait_time = " + c.wait__time() + " is out of range: use 0 to "
                    + MAX_WAIT_SECONDS + " seconds (SQS long polling)");
        }
        if (c.visibility__extension() < 1 || c.visibility__extension() > MAX_VISIBILITY_SECONDS) {
            throw new IllegalArgumentException("visibility_extension = " + c.visibility__extension()
                    + " is out of range: use 1 to " + MAX_VISIBILITY_SECONDS + " seconds");
        }
        return new S3SourceSettings(name, mode, bucket, c.prefix() == null ? "" : c.prefix(), queueUrl,
                Duration.ofSeconds(c.poll__interval()), c.start__after() == null ? "" : c.start__after(),
                KeyFilter.parse(c.include()), limits, Duration.ofSeconds(c.wait__time()),
                Duration.ofSeconds(c.visibility__extension()), c.path__style(),
                AwsSettings.url("sqs_endpoint", c.sqs__endpoint() == null ? "" : c.sqs__endpoint()));
    }

    private static Mode mode(String value) {
        String mode = trimmed(value).toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "poll" -> Mode.POLL;
            case "sqs" -> Mode.SQS;
            default -> throw new IllegalArgumentException("mode = '" + value + "' is not known: use poll (list the"
                    + " bucket) or sqs (read S3 event notifications from queue_url)");
        };
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
